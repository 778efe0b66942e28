import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cosine, embedText, EmbeddingsServer } from '../../../test/support/embeddings-server';
import { EmbeddingsRejectedError, EmbeddingsUnavailableError } from './embeddings-errors';
import { HttpEmbeddingsProvider, MAX_TEXT_CHARS } from './http-embeddings.provider';

const KEY = 'sk-test-0123456789-SECRET-KEY';
const URL_PASSWORD = 'url-pass-SECRET';
const SECRET_TEXT = 'confidential-page-text-xyzzy';

let server: EmbeddingsServer;
let url: string;
let close: () => Promise<void>;
let now: number;

async function startServer(options: ConstructorParameters<typeof EmbeddingsServer>[0] = {}) {
  await close?.();
  server = new EmbeddingsServer(options);
  ({ url, close } = await server.start());
}

beforeEach(async () => {
  now = 1_000_000;
  await startServer();
});
afterEach(() => close());

function provider(overrides: Partial<ConstructorParameters<typeof HttpEmbeddingsProvider>[0]> = {}) {
  return new HttpEmbeddingsProvider(
    { url, model: 'test-model', batchSize: 32, timeoutMs: 2000, ...overrides },
    { now: () => now },
  );
}

/** The rejection of a promise that must reject. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('HttpEmbeddingsProvider', () => {
  it('sends texts in batches of batchSize, one after the other, and answers in input order', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `note number ${i} about topic ${i % 7}`);
    const vectors = await provider().embed(texts);
    expect(server.requests.map((r) => r.input.length)).toEqual([32, 32, 6]);
    expect(server.requests.flatMap((r) => r.input)).toEqual(texts);
    expect(vectors).toHaveLength(70);
    vectors.forEach((v, i) => expect(Array.from(v)).toEqual(Array.from(Float32Array.from(embedText(texts[i])))));
    expect(server.requests[0]).toMatchObject({ path: '/v1/embeddings', model: 'test-model', encodingFormat: 'float' });
  });

  it('gives related texts close vectors', async () => {
    const [car, automobile, doctor] = await provider().embed(['a red car', 'the red automobile', 'a doctor']);
    expect(cosine(car, automobile)).toBeGreaterThan(0.99);
    expect(cosine(car, doctor)).toBeLessThan(0.5);
    const [cafe, cafes] = await provider().embed(['the Café', 'cafes']);
    expect(cosine(cafe, cafes)).toBeCloseTo(1, 6);
  });

  it('makes no request for no texts', async () => {
    expect(await provider().embed([])).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('sends the bearer key only when one is configured', async () => {
    await startServer({ apiKey: KEY });
    await provider({ apiKey: KEY }).embed(['hello']);
    const err = await failure(provider().embed(['hello']));
    expect(server.requests.map((r) => r.authorization)).toEqual([`Bearer ${KEY}`, undefined]);
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(err).toMatchObject({ status: 401, retryable: false });
    expect(err.message).toContain('EMBEDDINGS_API_KEY');
  });

  it('cuts each text to MAX_TEXT_CHARS without splitting a surrogate pair', async () => {
    const long = 'word '.repeat(5000);
    const emoji = 'a'.repeat(MAX_TEXT_CHARS - 1) + '😀 and more';
    await provider().embed([long, emoji, 'short']);
    const [sentLong, sentEmoji, sentShort] = server.requests[0].input;
    expect(sentLong).toBe(long.slice(0, MAX_TEXT_CHARS));
    expect(sentEmoji).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
    expect(sentShort).toBe('short');
  });

  const badAnswers: Array<[string, (n: number) => string]> = [
    ['not JSON', () => '<html>hello</html>'],
    ['no data list', () => JSON.stringify({ object: 'list' })],
    ['too few embeddings', () => JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }] })],
    ['a repeated index', () => JSON.stringify({ data: [0, 0].map((index) => ({ index, embedding: [1, 0] })) })],
    ['a missing index', () => JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }, { embedding: [1, 0] }] })],
    ['an empty embedding', () => JSON.stringify({ data: [0, 1].map((index) => ({ index, embedding: [] })) })],
    [
      'a string in an embedding',
      () =>
        JSON.stringify({
          data: [
            { index: 0, embedding: [1, 0] },
            { index: 1, embedding: ['1', 0] },
          ],
        }),
    ],
    ['a value beyond float32', () => JSON.stringify({ data: [0, 1].map((index) => ({ index, embedding: [1e39] })) })],
    [
      'unequal lengths',
      () =>
        JSON.stringify({
          data: [
            { index: 0, embedding: [1, 0] },
            { index: 1, embedding: [1, 0, 0] },
          ],
        }),
    ],
    ['base64 instead of floats', () => JSON.stringify({ data: [0, 1].map((index) => ({ index, embedding: 'AAA=' })) })],
  ];
  it.each(badAnswers)('refuses an answer with %s', async (_name, body) => {
    server.answerNext(body(2));
    const err = await failure(provider().embed(['one', 'two']));
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(err.message).toMatch(/not embeddings/);
  });

  it('refuses batches of different dimensions within one call', async () => {
    server.answerNext(JSON.stringify({ data: [{ index: 0, embedding: [1, 0, 0] }] }));
    const err = await failure(provider({ batchSize: 1 }).embed(['one', 'two']));
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(server.requests).toHaveLength(2);
  });

  it.each([500, 502, 503, 408, 429])('treats %i as unavailable', async (status) => {
    server.failNext(1, status);
    const err = await failure(provider().embed(['hello']));
    expect(err).toBeInstanceOf(EmbeddingsUnavailableError);
    expect(err).toMatchObject({ status, retryable: true });
  });

  it.each([400, 404, 413, 422])('treats %i as a rejection', async (status) => {
    server.failNext(1, status);
    const err = await failure(provider().embed(['hello']));
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(err).toMatchObject({ status, retryable: false });
  });

  it('gives up after timeoutMs on a slow service', async () => {
    server.setDelay(1000);
    const started = Date.now();
    const err = await failure(provider({ timeoutMs: 150 }).embed(['hello']));
    expect(err).toBeInstanceOf(EmbeddingsUnavailableError);
    expect(err).toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('gives up after timeoutMs on a service stuck mid-answer', async () => {
    server.setDrip(20);
    const started = Date.now();
    const err = await failure(provider({ timeoutMs: 300 }).embed(['hello']));
    expect(err).toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not follow a redirect, so the key never goes elsewhere', async () => {
    server.failNext(1, 307);
    const err = await failure(provider({ apiKey: KEY }).embed(['hello']));
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(err).toMatchObject({ status: 307 });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an answer larger than 64 MiB', async () => {
    server.answerNext(`${' '.repeat(64 * 1024 * 1024)}{"data": []}`);
    const err = await failure(provider({ timeoutMs: 20_000 }).embed(['hello']));
    expect(err).toBeInstanceOf(EmbeddingsRejectedError);
    expect(err.message).toContain('EMBEDDINGS_BATCH_SIZE');
  });

  it('treats a cut connection and a closed port as unavailable', async () => {
    server.setDown(true, 'destroy');
    expect(await failure(provider().embed(['hello']))).toBeInstanceOf(EmbeddingsUnavailableError);
    await close();
    const refused = await failure(provider().embed(['hello']));
    expect(refused).toBeInstanceOf(EmbeddingsUnavailableError);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    await startServer();
  });

  it('rejects with the reason of an aborted signal, without counting it against the service', async () => {
    server.setDelay(1000);
    const p = provider();
    for (let i = 0; i < 6; i++) {
      const controller = new AbortController();
      const call = p.embed(['hello'], controller.signal);
      setTimeout(() => controller.abort(new Error('caller gave up')), 20);
      expect((await failure(call)).message).toBe('caller gave up');
    }
    expect(p.isAvailable()).toBe(true);
    expect(server.requests).toHaveLength(6);
  });

  describe('circuit breaker', () => {
    it('opens after 5 failures in a row and then makes no network call', async () => {
      server.setDown(true);
      const p = provider();
      for (let i = 0; i < 5; i++) expect(await failure(p.embed(['hello']))).toBeInstanceOf(EmbeddingsUnavailableError);
      expect(p.isAvailable()).toBe(false);
      server.setDown(false);
      const err = await failure(p.embed(['hello']));
      expect(err).toBeInstanceOf(EmbeddingsUnavailableError);
      expect(err.message).toMatch(/held off/);
      expect(server.requests).toHaveLength(5);
    });

    it('does not count rejections: the service answered', async () => {
      const p = provider();
      for (let i = 0; i < 6; i++) {
        server.failNext(1, 400);
        await failure(p.embed(['hello']));
      }
      expect(p.isAvailable()).toBe(true);
    });

    it('lets one trial through after the cool-down; its success closes the circuit', async () => {
      server.setDown(true);
      const p = provider();
      for (let i = 0; i < 5; i++) await failure(p.embed(['hello']));
      server.setDown(false);
      now += 30_000;
      expect(p.isAvailable()).toBe(true);
      server.setDelay(200);
      const trial = p.embed(['trial']);
      const meanwhile = await failure(p.embed(['meanwhile']));
      expect(meanwhile).toBeInstanceOf(EmbeddingsUnavailableError);
      expect(await trial).toHaveLength(1);
      expect(server.requests.slice(5).map((r) => r.input)).toEqual([['trial']]);
      server.setDelay(0);
      expect(p.isAvailable()).toBe(true);
      expect(await p.embed(['after'])).toHaveLength(1);
    });

    it('a failed trial opens the circuit again for twice as long', async () => {
      server.setDown(true);
      const p = provider();
      for (let i = 0; i < 5; i++) await failure(p.embed(['hello']));
      now += 30_000;
      await failure(p.embed(['trial']));
      expect(server.requests).toHaveLength(6);
      now += 30_000;
      expect(p.isAvailable()).toBe(false);
      now += 30_000;
      expect(p.isAvailable()).toBe(true);
    });
  });

  describe('secrets', () => {
    const secrets = [KEY, URL_PASSWORD, SECRET_TEXT];
    const expectClean = (err: Error) => {
      for (const shown of [String(err), err.stack ?? '', JSON.stringify(err), inspect(err, { depth: 10 })]) {
        for (const secret of secrets) expect(shown).not.toContain(secret);
      }
    };
    const withSecrets = () =>
      provider({ url: url.replace('http://', `http://user:${URL_PASSWORD}@`), apiKey: KEY, timeoutMs: 150 });

    it('keeps the key, the URL password and the texts out of every error', async () => {
      const p = withSecrets();
      const errors: Error[] = [];
      server.failNext(1, 503);
      errors.push(await failure(p.embed([SECRET_TEXT])));
      server.failNext(1, 401);
      errors.push(await failure(p.embed([SECRET_TEXT])));
      server.answerNext(JSON.stringify({ data: SECRET_TEXT }));
      errors.push(await failure(p.embed([SECRET_TEXT])));
      server.setDelay(1000);
      errors.push(await failure(p.embed([SECRET_TEXT])));
      server.setDelay(0);
      server.setDown(true, 'destroy');
      errors.push(await failure(p.embed([SECRET_TEXT])));
      await close();
      errors.push(await failure(p.embed([SECRET_TEXT])));
      await startServer();
      expect(errors.map((e) => e.constructor.name)).toEqual([
        'EmbeddingsUnavailableError',
        'EmbeddingsRejectedError',
        'EmbeddingsRejectedError',
        'EmbeddingsUnavailableError',
        'EmbeddingsUnavailableError',
        'EmbeddingsUnavailableError',
      ]);
      errors.forEach(expectClean);
    });

    it('keeps credentials out of the description', () => {
      const p = withSecrets();
      expect(p.description).toContain('127.0.0.1');
      for (const secret of secrets) expect(p.description).not.toContain(secret);
    });
  });
});
