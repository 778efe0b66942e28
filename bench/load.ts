import autocannon from 'autocannon';

export interface RequestSpec {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Scenario {
  id: string;
  label: string;
  port: number;
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
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

let active: autocannon.Instance | undefined;

/** Stops the run in progress, if any (on SIGINT). */
export function stopActiveLoad(): void {
  active?.stop();
}

function cannon(scenario: Scenario, connections: number, durationSeconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    active = autocannon(
      {
        url: `http://127.0.0.1:${scenario.port}`,
        connections,
        duration: durationSeconds,
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
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(result);
      },
    );
  });
}

/** A short unrecorded warm-up (JIT, pools, token cache), then the measured run. */
export async function measure(scenario: Scenario, settings: LoadSettings): Promise<Measured> {
  if (settings.warmupSeconds > 0) await cannon(scenario, settings.connections, settings.warmupSeconds);
  const result = await cannon(scenario, settings.connections, settings.durationSeconds);
  const statusCounts: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = stats.count ?? 0;
  const expected = statusCounts[String(scenario.expectStatus)] ?? 0;
  const answered = Object.values(statusCounts).reduce((a, b) => a + b, 0);
  return {
    id: scenario.id,
    label: scenario.label,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: answered,
    unexpected: answered - expected + result.errors,
    statusCounts,
    durationSeconds: result.duration,
  };
}
