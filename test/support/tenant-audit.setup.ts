import { afterAll, expect } from 'vitest';
import { AdvancedConsoleLogger } from 'typeorm';
import { audit, record } from './tenant-audit';

// TypeORM hands every statement to its data source's logger before sending it (Ocean's data
// sources keep the default logger, silent with `logging: false`); the audit listens there.
const logQuery = AdvancedConsoleLogger.prototype.logQuery;
AdvancedConsoleLogger.prototype.logQuery = function (query, parameters, runner) {
  record(query);
  return logQuery.call(this, query, parameters, runner);
};

afterAll(() => {
  expect(audit.violations, 'statements on tenant tables without an organization_id condition').toEqual([]);
});
