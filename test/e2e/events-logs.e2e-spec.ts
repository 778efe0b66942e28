import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';
import { LogSink } from '../support/log-sink';
import { SseReader } from '../support/sse';

/** A stream ticket rides in the URL, which request lines log: it must not reach them. */
describe('stream tickets in the logs', () => {
  const sink = new LogSink();
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp({ LOG_LEVEL: 'info' }, { logDestination: sink });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes the stream URL with its ticket redacted, used or refused', async () => {
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const token = await signToken({ org: 'org-ticket-logs', user: 'lou' });
    const tickets: string[] = [];
    for (let i = 0; i < 2; i++) {
      tickets.push((await send(t.app, 'POST', '/api/v1/ocean/events/tickets', { token })).body.ticket as string);
    }
    const url = `http://127.0.0.1:${port}/api/v1/ocean/events/stream`;
    const used = await SseReader.open(`${url}?types=page.created&ticket=${tickets[0]}`);
    expect(used.status).toBe(200);
    used.close();
    const refused = await SseReader.open(`${url}?ticket=${tickets[0]}&x=1`);
    expect(refused.status).toBe(401);
    // The parser reads %74icket as ticket: the ticket works, and its line is redacted all the same.
    const encoded = await SseReader.open(`${url}?%74icket=${tickets[1]}`);
    expect(encoded.status).toBe(200);
    encoded.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text = JSON.stringify(sink.lines);
    expect(text).toContain('ticket=[redacted]');
    for (const ticket of tickets) expect(text).not.toContain(ticket);
  });
});
