/**
 * Exponential backoff with jitter: about base · 2^(attempt-1), capped, each delay drawn from
 * its upper half so that jobs failed together do not come back together.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
