/**
 * The tenant audit: every SQL statement that Ocean's code sends is checked, as it is sent, for
 * an organization_id condition on each tenant table it touches. Installed for the whole suite
 * by tenant-audit.setup.ts, so every route the e2e suites call is walked.
 */

/** The tables whose rows belong to one organization. */
export const TENANT_TABLES = ['pages', 'blocks', 'block_tags', 'tags', 'links', 'block_search', 'search_vocabulary'];

/** The one kind of method allowed to read across organizations: administrators' counts. */
const CROSS_ORGANIZATION_METHOD = 'countAllOrganizations';

const KEYWORDS = new Set(['where', 'on', 'join', 'left', 'inner', 'set', 'as', 'order', 'group', 'limit', 'using']);

const reference = new RegExp(
  `\\b(from|join|into|update)\\s+(${TENANT_TABLES.join('|')})\\b(\\s*\\(|\\s+(?:as\\s+)?(\\w+))?`,
  'g',
);

/**
 * The tenant tables of `sql` that are read or written without an organization_id condition of
 * their own (by alias, or unqualified when the table has none); empty when the statement is
 * scoped. An INSERT is scoped when its column list names organization_id.
 */
export function unscopedTables(sql: string): string[] {
  const text = sql.replaceAll('"', '').replace(/\s+/g, ' ').toLowerCase();
  if (/^\s*(create|alter|drop|comment|truncate)\b/.test(text)) return [];
  const unscoped: string[] = [];
  for (const m of text.matchAll(reference)) {
    const [, verb, table, tail, alias] = m;
    if (verb === 'into') {
      const columns = text.slice(m.index + m[0].length - (tail?.trimStart().startsWith('(') ? 1 : 0));
      if (!/^\s*\([^)]*\borganization_id\b/.test(columns)) unscoped.push(table);
      continue;
    }
    const name = alias && !KEYWORDS.has(alias) ? alias : table;
    const condition = new RegExp(
      `(\\b${name}\\.|[^.\\w])organization_id\\s*(=|in\\b|is not distinct from)|(=|\\bin)\\s*\\(?\\s*${name}\\.organization_id\\b`,
    );
    if (!condition.test(text)) unscoped.push(table);
  }
  return unscoped;
}

export interface AuditedStatement {
  sql: string;
  tables: string[];
}

/** What the audit saw in the current test file. */
export const audit = { checked: 0, violations: [] as AuditedStatement[] };

/** Ocean's code sent it (a frame under src/), not a test's own query, nor a migration. */
function sentByOcean(stack: string): boolean {
  return /[/\\]src[/\\]/.test(stack) && !/[/\\]migrations[/\\]|MigrationExecutor/.test(stack);
}

export function record(sql: string): void {
  const stack = new Error().stack ?? '';
  if (!sentByOcean(stack) || stack.includes(CROSS_ORGANIZATION_METHOD)) return;
  audit.checked++;
  const tables = unscopedTables(sql);
  if (tables.length) audit.violations.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 400), tables });
}
