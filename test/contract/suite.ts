import { Contract } from './context';
import { identityChecks } from './checks/identity';
import { inputChecks } from './checks/input';
import { opsChecks } from './checks/ops';
import { made, purgeChecks, resourceChecks } from './checks/resources';
import { tenancyChecks } from './checks/tenancy';
import { tokenChecks } from './checks/tokens';
import { runChecks, type Check, type Summary } from './runner';
import type { ContractOptions } from './support';

/**
 * The whole contract suite against one deployment, in an order where each check finds what an
 * earlier one made; the last check undoes what the suite made (it cannot delete the throwaway
 * users: that needs an admin).
 */
export async function runContractSuite(
  options: ContractOptions,
  print: (line: string) => void = (line) => console.log(line),
): Promise<Summary> {
  const c = new Contract(options);
  const m = made();
  const checks: Check[] = [
    ...opsChecks(c),
    ...identityChecks(c),
    ...tokenChecks(c),
    ...resourceChecks(c, m),
    ...tenancyChecks(c, m),
    ...purgeChecks(c, m),
    ...inputChecks(c),
    {
      name: 'cleanup: purge the pages and delete the tags and API keys the suite made',
      async run() {
        const { done, failures } = await c.cleanUp();
        print(`        requests per session: ${await c.requestCounts()}`);
        if (failures.length > 0) {
          throw new Error(`${failures.length} left behind (after ${done} undone): ${failures.join('; ')}`);
        }
      },
    },
  ];
  return runChecks(checks, print);
}
