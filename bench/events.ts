import { send, loopback } from '../test/support/http';
import { SseReader } from '../test/support/sse';

export interface EventLatency {
  events: number;
  /** From the writer's 201 to the event on the other instance's stream. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/**
 * Commit-to-subscriber latency across instances: a stream open on `subscriberPort`, `count`
 * sequential page creations on `writerPort` (same database, same organization), each timed
 * from the moment its 201 arrived (the commit is a little before) to the moment its event
 * arrived on the other instance. The writer pauses 20 ms between writes, a steady trickle.
 */
export async function measureEventLatency(
  writerPort: number,
  subscriberPort: number,
  token: string,
  count = 200,
): Promise<EventLatency> {
  const reader = await SseReader.open(`${loopback(subscriberPort)}/api/v1/ocean/events/stream?types=page.created`, {
    authorization: `Bearer ${token}`,
  });
  if (reader.status !== 200) throw new Error(`event stream refused: ${reader.status} ${reader.body}`);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const res = await send(loopback(writerPort), 'POST', '/api/v1/ocean/pages', {
        token,
        payload: { title: `latency ${i}` },
      });
      if (res.status !== 201) throw new Error(`write answered ${res.status}`);
      const committed = performance.now();
      const id = res.body.page_id as string;
      await reader.until(
        (r) => r.events().some((e) => e.data.resource_id === id),
        5000,
        `the event of write ${i} on the other instance`,
      );
      latencies.push(performance.now() - committed);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    reader.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    events: count,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1],
  };
}
