import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';

export interface RequestSpec {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Scenario {
  id: string;
  label: string;
  port: number;
  /**
   * The serving processes, whose CPU time is read from /proc (Linux only) and summed: the
   * server, plus the core it asks when it runs in remote mode.
   */
  pids?: Array<number | undefined>;
  method: 'GET' | 'POST';
  /** Called for every request, so the load spreads over organizations, tokens and pages. */
  next: () => RequestSpec;
  expectStatus: number;
  /** The scenario whose req/s this one is divided by. */
  baseline?: string;
}

export interface Measured {
  id: string;
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses with another status than expected, plus connection errors and timeouts. */
  unexpected: number;
  statusCounts: Record<string, number>;
  durationSeconds: number;
  /** req/s of each slice, in order: ratios are taken slice by slice. */
  sliceRequestsPerSecond: number[];
  /** p99 latency of each slice, in order, for latency ratios taken the same way. */
  sliceP99Ms: number[];
  /**
   * CPU time of the serving process per request: unlike req/s it barely moves when other work
   * competes for the cores. Undefined where /proc is missing.
   */
  cpuMicrosPerRequest?: number;
}

export interface LoadSettings {
  connections: number;
  /** Measured seconds per scenario, run as one-second slices. */
  durationSeconds: number;
  warmupSeconds: number;
}

const SLICE_SECONDS = 1;

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const CLOCK_TICKS = clockTicksPerSecond();

/** User + system CPU seconds of a process so far, from /proc/<pid>/stat; undefined off Linux. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** The sum over several processes; undefined when any of them cannot be read (or none is named). */
function cpuSeconds(pids: Array<number | undefined> | undefined): number | undefined {
  if (!pids || pids.length === 0) return undefined;
  let total = 0;
  for (const pid of pids) {
    const seconds = processCpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}

let active: autocannon.Instance | undefined;

/** Stops the run in progress, if any (on SIGINT). */
export function stopActiveLoad(): void {
  active?.stop();
}

/**
 * The latency at quantile `q` of ascending `sorted`, NaN when there is none. autocannon's own
 * histogram counts whole milliseconds: ours keeps the fractions.
 */
function quantile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : NaN;
}

/** Every response of one scenario across its slices. */
class Tally {
  readonly latencies: number[] = [];
  readonly statusCounts: Record<string, number> = {};
  readonly sliceRates: number[] = [];
  readonly sliceP99s: number[] = [];
  seconds = 0;
  errors = 0;
  cpu: number | undefined = 0;

  record(status: number, ms: number): void {
    this.latencies.push(ms);
    this.statusCounts[status] = (this.statusCounts[status] ?? 0) + 1;
  }

  summary(scenario: Scenario): Measured {
    const sorted = Float64Array.from(this.latencies).sort();
    const expected = this.statusCounts[scenario.expectStatus] ?? 0;
    return {
      id: scenario.id,
      label: scenario.label,
      requestsPerSecond: this.seconds > 0 ? sorted.length / this.seconds : 0,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      requests: sorted.length,
      unexpected: sorted.length - expected + this.errors,
      statusCounts: this.statusCounts,
      durationSeconds: this.seconds,
      sliceRequestsPerSecond: this.sliceRates,
      sliceP99Ms: this.sliceP99s,
      cpuMicrosPerRequest: this.cpu === undefined || sorted.length === 0 ? undefined : (this.cpu / sorted.length) * 1e6,
    };
  }
}

/**
 * Requests cut off at the end of a slice are still being served, their statements still running
 * in the database: a pause as long as the slice's slowest answer (at most this) keeps their work
 * out of the next scenario's slice and CPU reading, which a slow scenario would otherwise weigh on.
 */
const MAX_DRAIN_MS = 1000;

const drain = (longestMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.min(longestMs, MAX_DRAIN_MS)));

/** Load for `seconds`, recorded in `tally` when there is one; answers the slowest latency seen. */
function cannon(scenario: Scenario, connections: number, seconds: number, tally?: Tally): Promise<number> {
  const cpuBefore = cpuSeconds(scenario.pids);
  const answeredBefore = tally?.latencies.length ?? 0;
  let longestMs = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${scenario.port}`,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: scenario.method,
            setupRequest: (request) => {
              const spec = scenario.next();
              return { ...request, path: spec.path, headers: spec.headers ?? {}, body: spec.body };
            },
          },
        ],
      },
      (err: unknown, result) => {
        active = undefined;
        if (err) return reject(err instanceof Error ? err : new Error(inspect(err)));
        if (tally) {
          const cpuAfter = cpuSeconds(scenario.pids);
          tally.cpu =
            tally.cpu === undefined || cpuBefore === undefined || cpuAfter === undefined
              ? undefined
              : tally.cpu + cpuAfter - cpuBefore;
          tally.seconds += result.duration;
          tally.errors += result.errors;
          tally.sliceRates.push((tally.latencies.length - answeredBefore) / result.duration);
          tally.sliceP99s.push(quantile(Float64Array.from(tally.latencies.slice(answeredBefore)).sort(), 0.99));
        }
        resolve(longestMs);
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      longestMs = Math.max(longestMs, ms);
      tally?.record(status, ms);
    });
    active = instance;
  });
}

/** Unrecorded load on each scenario in turn: JIT, pools and caches settle before anything counts. */
export async function warmUp(group: Scenario[], connections: number, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  for (const scenario of group) await drain(await cannon(scenario, connections, seconds));
}

/**
 * Measures scenarios that are compared with each other by alternating one-second slices
 * (A, B, A, B, ...) after an unrecorded warm-up of each (JIT, pools, token cache), with a drain
 * after each: whatever else the machine does during the run then weighs on both sides of a
 * ratio alike.
 */
export async function measureGroup(group: Scenario[], settings: LoadSettings): Promise<Measured[]> {
  await warmUp(group, settings.connections, settings.warmupSeconds);
  const tallies = group.map(() => new Tally());
  for (let slice = 0; slice < settings.durationSeconds / SLICE_SECONDS; slice++) {
    for (const [i, scenario] of group.entries()) {
      await drain(await cannon(scenario, settings.connections, SLICE_SECONDS, tallies[i]));
    }
  }
  return group.map((scenario, i) => tallies[i].summary(scenario));
}
