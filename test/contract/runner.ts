/**
 * The contract suite's runner: a list of named async checks, run one after the other (they
 * share the resources an earlier check made), each printed as it ends, then one closing line
 * "N passed, N failed, N skipped".
 */

/** Thrown by a check that does not apply to this deployment (identity turned off, …). */
export class Skip extends Error {
  override name = 'Skip';
}

/** Thrown by an assertion: the deployment answered something the contract does not allow. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export interface Check {
  /** "area: what is guaranteed", printed as it is. */
  name: string;
  run(): Promise<void>;
}

export interface CheckResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  reason?: string;
  ms: number;
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  results: CheckResult[];
}

const describeError = (err: unknown): string =>
  err instanceof ContractViolation || err instanceof Skip
    ? err.message
    : err instanceof Error
      ? `${err.name}: ${err.message}`
      : String(err);

export async function runChecks(checks: readonly Check[], print: (line: string) => void): Promise<Summary> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const started = Date.now();
    let result: CheckResult;
    try {
      await check.run();
      result = { name: check.name, outcome: 'passed', ms: Date.now() - started };
    } catch (err) {
      const outcome = err instanceof Skip ? 'skipped' : 'failed';
      result = { name: check.name, outcome, reason: describeError(err), ms: Date.now() - started };
    }
    results.push(result);
    const label = { passed: 'ok     ', failed: 'FAILED ', skipped: 'skipped' }[result.outcome];
    print(`${label} ${result.name}${result.reason ? ` — ${result.reason}` : ''} (${result.ms} ms)`);
  }
  const count = (outcome: CheckResult['outcome']): number => results.filter((r) => r.outcome === outcome).length;
  const summary = { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), results };
  print(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  return summary;
}
