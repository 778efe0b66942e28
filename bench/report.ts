import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measured, Scenario } from './load';

export interface Ratio {
  name: string;
  numerator: string;
  denominator: string;
  value: number;
  /** Set when the ratio has a target (Ocean against the bare handler). */
  goal?: number;
}

export interface Row extends Measured {
  baseline?: string;
  ratio?: number;
}

export function withRatios(measured: Measured[], scenarios: Scenario[]): Row[] {
  const byId = new Map(measured.map((m) => [m.id, m]));
  return measured.map((m) => {
    const baselineId = scenarios.find((s) => s.id === m.id)?.baseline;
    const base = baselineId === undefined ? undefined : byId.get(baselineId);
    if (!base || base.requestsPerSecond === 0) return { ...m };
    return { ...m, baseline: base.label, ratio: m.requestsPerSecond / base.requestsPerSecond };
  });
}

export function ratio(rows: Row[], name: string, numerator: string, denominator: string, goal?: number): Ratio | undefined {
  const top = rows.find((r) => r.id === numerator);
  const bottom = rows.find((r) => r.id === denominator);
  if (!top || !bottom || bottom.requestsPerSecond === 0) return undefined;
  return { name, numerator, denominator, value: top.requestsPerSecond / bottom.requestsPerSecond, goal };
}

const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function formatTable(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'unexpected'];
  const body = rows.map((r) => [
    r.label,
    fixed(r.requestsPerSecond, 0),
    fixed(r.p50Ms, 1),
    fixed(r.p99Ms, 1),
    r.ratio === undefined ? '' : `${fixed(r.ratio, 2)}x ${r.baseline ?? ''}`,
    r.unexpected === 0 ? '0' : `${r.unexpected} of ${r.requests} !`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const numeric = new Set([1, 2, 3]);
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function formatRatios(ratios: Ratio[]): string {
  return ratios
    .map((r) => {
      const verdict = r.goal === undefined ? '' : r.value >= r.goal ? `  (goal >= ${r.goal}: met)` : `  (goal >= ${r.goal}: NOT met)`;
      return `  ${r.name}: ${fixed(r.value, 2)}x${verdict}`;
    })
    .join('\n');
}

/** bench/results/<timestamp>.json; the directory's *.json files are git-ignored. */
export function writeResults(directory: string, startedAt: Date, report: object): string {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
