import { loopback, send } from '../test/support/http';

/** Runs `work` over `items`, `width` at a time. */
export async function eachLimited<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

/**
 * Requests a server answered so far on one route (any status), from its Prometheus counter
 * `ocean_http_requests_total`: how many /v1/auth/me calls the core really received.
 */
export async function answeredOn(port: number, method: string, route: string): Promise<number> {
  const { status, body } = await send(loopback(port), 'GET', '/metrics');
  if (status !== 200 || typeof body !== 'string') throw new Error(`/metrics answered ${status}`);
  let total = 0;
  for (const line of body.split('\n')) {
    if (!line.startsWith('ocean_http_requests_total{')) continue;
    if (!line.includes(`method="${method}"`) || !line.includes(`route="${route}"`)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
