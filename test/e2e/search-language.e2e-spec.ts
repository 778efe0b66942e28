import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock } from '../factories/content';
import { createPage } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, createScratchDatabase, onPostgres } from '../support/app';
import { send } from '../support/http';

/** SEARCH_LANGUAGE decides stemming; a change rebuilds the documents at the next start. */
describe('search language', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (onPostgres()) {
      const scratch = await createScratchDatabase();
      env = { DATABASE_URL: scratch.url };
      cleanup = scratch.drop;
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'ocean-search-language-'));
      env = { DATA_DIR: dir };
      cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
    }
  });
  afterAll(() => cleanup?.());

  const found = async (app: Parameters<typeof send>[0], token: string, q: string): Promise<number> => {
    const res = await send(app, 'GET', `/api/v1/ocean/search?search_type=metadata&q=${q}`, { token });
    expect(res.status).toBe(200);
    return res.body.total;
  };

  it('stems in the configured language, and re-stems every block when it changes', async () => {
    const token = await signToken({ org: 'org-language', user: 'linguist' });
    const simple = await bootApp({ ...env, SEARCH_LANGUAGE: 'simple' });
    try {
      const page = await createPage(simple.app, token, { title: 'Stable' });
      await addBlock(simple.app, token, page.page_id, { content: { text: 'Two ponies graze' } });
      expect(await found(simple.app, token, 'ponies')).toBe(1);
      // Without a stemmer, "pony" is a prefix of no word of the block.
      expect(await found(simple.app, token, 'pony')).toBe(0);
    } finally {
      await simple.close();
    }
    const english = await bootApp({ ...env, SEARCH_LANGUAGE: 'english' });
    try {
      expect(await found(english.app, token, 'pony')).toBe(1);
    } finally {
      await english.close();
    }
  });

  it('refuses to start with a language PostgreSQL does not know, naming those it does', async () => {
    await expect(bootApp({ SEARCH_LANGUAGE: 'klingon' })).rejects.toThrow(/SEARCH_LANGUAGE=klingon.*english/);
  });
});
