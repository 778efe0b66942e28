import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../src/auth/auth-context';
import { BlocksRepository } from '../../src/blocks/blocks.repository';
import { BlocksService } from '../../src/blocks/blocks.service';
import { OrgScope } from '../../src/common/org-scope';
import { Db } from '../../src/database/db';
import { Locks } from '../../src/database/locks';
import { PagesRepository } from '../../src/pages/pages.repository';
import { PagesService } from '../../src/pages/pages.service';
import { TagsService } from '../../src/tags/tags.service';
import { createPage, PAGES } from '../factories/pages';
import { signToken } from '../factories/tokens';
import { bootApp, TestApp } from '../support/app';
import { send } from '../support/http';

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)),
  ]);

describe('units of work', () => {
  let t: TestApp;
  const org = `org-uow-${Date.now()}`;
  const auth = { userId: 'user-uow', organizationId: org, role: 'USER', scopes: ['read', 'write'] } as AuthContext;
  const scope = OrgScope.of(auth);
  const count = async (table: string): Promise<number> => {
    // Through the unit when there is one: on PGlite's one connection a root query would wait.
    const rows: Array<{ n: number }> = await t.app
      .get(Db)
      .tx.query(`SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`, [org]);
    return rows[0].n;
  };

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('reaches the database through the unit: repository and service calls inside it never wait on the one connection', async () => {
    const db = t.app.get(Db);
    const page = await within(
      5000,
      db.unitOfWork(async () => {
        await t.app.get(Locks).pageTree(scope);
        // A @Transactional service method joins the unit; plain repository calls run in it too.
        const created = await t.app.get(PagesService).create(auth, { title: 'in a unit' });
        expect(await t.app.get(PagesRepository).exists(scope, created.id)).toBe(true);
        const [block] = await t.app
          .get(BlocksService)
          .createMany(auth, created.id, [{ block_type: 'text', content: { text: 'x' } }]);
        expect(await t.app.get(BlocksRepository).exists(scope, block.id)).toBe(true);
        return created;
      }),
    );
    expect((await t.app.get(PagesRepository).find(scope, page.id))?.title).toBe('in a unit');
  });

  it('undoes every write of the unit when it fails, whichever module made it', async () => {
    const before = await Promise.all(['pages', 'blocks', 'tags', 'block_tags', 'links'].map(count));
    const failure = t.app.get(Db).unitOfWork(async () => {
      const page = await t.app.get(PagesService).create(auth, { title: 'rolled back' });
      const [block] = await t.app
        .get(BlocksService)
        .createMany(auth, page.id, [{ block_type: 'page_link', content: { linkedPageId: page.id } }]);
      const tag = await t.app.get(TagsService).create(auth, { name: 'rolled back' });
      await t.app.get(TagsService).assign(auth, block.id, tag.id);
      expect(await count('links')).toBe(before[4] + 1);
      throw new Error('the unit fails after its writes');
    });
    await expect(failure).rejects.toThrow('the unit fails after its writes');
    expect(await Promise.all(['pages', 'blocks', 'tags', 'block_tags', 'links'].map(count))).toEqual(before);
  });

  it('refuses to take a lock outside a unit of work, where it would be released at once', async () => {
    await expect(t.app.get(Locks).pageTree(scope)).rejects.toThrow(/needs a transaction/);
  });
});

describe('two applications in one process', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await bootApp();
    b = await bootApp();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('run each unit of work on its own database', async () => {
    const token = await signToken({ org: 'org-two-apps' });
    const onA = await createPage(a.app, token, { title: 'on a' });
    const onB = await createPage(b.app, token, { title: 'on b' });
    const titles = async (app: TestApp): Promise<string[]> =>
      (await send(app.app, 'GET', PAGES, { token })).body.pages.map((p: { title: string }) => p.title);
    expect(await titles(a)).toEqual(['on a']);
    expect(await titles(b)).toEqual(['on b']);
    expect(onA.page_id).not.toBe(onB.page_id);
  });
});
