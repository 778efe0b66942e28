import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Measured, Scenario } from './load';

export interface Ratio {
  name: string;
  numerator: string;
  denominator: string;
  /** What is divided: req/s (higher is better) or p99 latency (lower is better). */
  of: 'req/s' | 'p99';
  /** The numerator's req/s or p99 over the denominator's. */
  value: number;
  /**
   * Server CPU per request, numerator over denominator: a steadier view of the same cost when
   * other work competes for the cores. Only for req/s ratios.
   */
  cpu?: number;
  /** Set when the ratio has a target: at least this for req/s, at most this for p99. */
  goal?: number;
}

export interface Row extends Measured {
  baseline?: string;
  ratio?: number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * The median of the ratios of neighbouring slices when both sides ran in the same alternation
 * (a burst of foreign load then spoils one slice, not the ratio), else the ratio of the totals.
 */
function sliceRatio(top: number[], bottom: number[], topTotal: number, bottomTotal: number): number {
  if (top.length > 0 && top.length === bottom.length && bottom.every((v) => v > 0)) {
    return median(top.map((v, i) => v / bottom[i]));
  }
  return bottomTotal > 0 ? topTotal / bottomTotal : NaN;
}

/** `top` over `bottom` in req/s. */
function rateRatio(top: Measured, bottom: Measured): number {
  return sliceRatio(
    top.sliceRequestsPerSecond,
    bottom.sliceRequestsPerSecond,
    top.requestsPerSecond,
    bottom.requestsPerSecond,
  );
}

export function withRatios(measured: Measured[], scenarios: Scenario[]): Row[] {
  const byId = new Map(measured.map((m) => [m.id, m]));
  return measured.map((m) => {
    const baselineId = scenarios.find((s) => s.id === m.id)?.baseline;
    const base = baselineId === undefined ? undefined : byId.get(baselineId);
    if (!base) return { ...m };
    return { ...m, baseline: base.label, ratio: rateRatio(m, base) };
  });
}

export function ratio(
  rows: Row[],
  name: string,
  numerator: string,
  denominator: string,
  goal?: number,
): Ratio | undefined {
  const top = rows.find((r) => r.id === numerator);
  const bottom = rows.find((r) => r.id === denominator);
  if (!top || !bottom) return undefined;
  const cpu =
    top.cpuMicrosPerRequest !== undefined && bottom.cpuMicrosPerRequest
      ? top.cpuMicrosPerRequest / bottom.cpuMicrosPerRequest
      : undefined;
  return { name, numerator, denominator, of: 'req/s', value: rateRatio(top, bottom), cpu, goal };
}

/**
 * p99 latency of `numerator` over `denominator`, slice by slice as req/s ratios are; `goal` is
 * the most it may be.
 */
export function p99Ratio(
  rows: Row[],
  name: string,
  numerator: string,
  denominator: string,
  goal?: number,
): Ratio | undefined {
  const top = rows.find((r) => r.id === numerator);
  const bottom = rows.find((r) => r.id === denominator);
  if (!top || !bottom) return undefined;
  const value = sliceRatio(top.sliceP99Ms, bottom.sliceP99Ms, top.p99Ms, bottom.p99Ms);
  return { name, numerator, denominator, of: 'p99', value, goal };
}

const fixed = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function formatTable(rows: Row[]): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'server CPU us/req', 'vs baseline', 'unexpected'];
  const body = rows.map((r) => [
    r.label,
    fixed(r.requestsPerSecond, 0),
    fixed(r.p50Ms, 2),
    fixed(r.p99Ms, 2),
    r.cpuMicrosPerRequest === undefined ? '-' : fixed(r.cpuMicrosPerRequest, 0),
    r.ratio === undefined ? '' : `${fixed(r.ratio, 2)}x ${r.baseline ?? ''}`,
    r.unexpected === 0 ? '0' : `${r.unexpected} of ${r.requests} !`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const numeric = new Set([1, 2, 3, 4]);
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

export function formatRatios(ratios: Ratio[]): string {
  return ratios
    .map((r) => {
      const atMost = r.of === 'p99';
      const met = r.goal !== undefined && (atMost ? r.value <= r.goal : r.value >= r.goal);
      const verdict =
        r.goal === undefined ? '' : `  (goal ${atMost ? '<=' : '>='} ${r.goal}: ${met ? 'met' : 'NOT met'})`;
      const cpu = r.cpu === undefined ? '' : `, ${fixed(r.cpu, 2)}x server CPU per request`;
      return `  ${r.name}: ${fixed(r.value, 2)}x ${r.of}${cpu}${verdict}`;
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
