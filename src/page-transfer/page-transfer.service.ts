import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { Block } from '../blocks/block.entity';
import { BlocksService } from '../blocks/blocks.service';
import { Db } from '../database/db';
import { Transactional } from '../database/transactional';
import { Page } from '../pages/page.entity';
import { PagesService } from '../pages/pages.service';
import { BlockTree, linkedPageIds, parseMarkdown, renderMarkdown, resolvePageLinks } from './markdown';

/** A page's blocks (document order, each after its parent) as trees. */
function treesOf(blocks: Block[]): BlockTree[] {
  const roots: BlockTree[] = [];
  const byId = new Map<string, BlockTree>();
  for (const b of blocks) {
    const node: BlockTree = { block_type: b.blockType, content: b.content, children: [] };
    byId.set(b.id, node);
    const parent = b.parentBlockId === null ? undefined : byId.get(b.parentBlockId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * A page and its blocks out as Markdown or JSON, and a Markdown document in as a new page.
 * Pages and blocks are asked of their own modules' services.
 */
@Injectable()
export class PageTransferService {
  constructor(
    readonly db: Db,
    private readonly pages: PagesService,
    private readonly blocks: BlocksService,
  ) {}

  /** The page and all its blocks, read in one transaction so they agree with each other. */
  @Transactional()
  async read(auth: AuthContext, pageId: string): Promise<{ page: Page; blocks: Block[] }> {
    const page = await this.pages.get(auth, pageId);
    return { page, blocks: await this.blocks.allOfPage(auth, page.id) };
  }

  async markdown(auth: AuthContext, pageId: string): Promise<string> {
    const { page, blocks } = await this.read(auth, pageId);
    const trees = treesOf(blocks);
    return renderMarkdown(page.title, trees, await this.pages.titles(auth, linkedPageIds(trees)));
  }

  /**
   * The document as a new page with its blocks, in one transaction: the page is there with
   * every block, or not at all.
   */
  @Transactional()
  async import(auth: AuthContext, markdown: string, parentPageId?: string, title?: string): Promise<Page> {
    const parsed = parseMarkdown(markdown);
    const blocks = resolvePageLinks(parsed.blocks, await this.pages.titles(auth, linkedPageIds(parsed.blocks)));
    const page = await this.pages.create(auth, {
      title: title ?? (parsed.title || 'Untitled'),
      parent_page_id: parentPageId,
    });
    await this.blocks.createTree(auth, page.id, blocks);
    return page;
  }
}
