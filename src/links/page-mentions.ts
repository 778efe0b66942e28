import { Injectable } from '@nestjs/common';
import type { OrgScope } from '../common/org-scope';
import { newId } from '../common/ids';
import { LinksRepository } from './links.repository';

/** A block write's change of the page it links to: before and after (null: no page_link). */
export interface PageLinkChange {
  blockId: string;
  before: string | null;
  after: string | null;
}

/**
 * Keeps the links of page_link blocks in step with their content, inside the writer's
 * transaction. A page_link block has exactly one 'mention' link, with is_page_link true, to its
 * `linkedPageId`. That row is the same fact as a manual 'mention' link from the block to the
 * same page (the unique (source, target, type) allows one), so a block write never fails on a
 * manual one: it adopts it, and removes it when the block stops naming that page.
 */
@Injectable()
export class PageMentions {
  constructor(private readonly links: LinksRepository) {}

  async sync(scope: OrgScope, changes: PageLinkChange[]): Promise<void> {
    for (const c of changes) {
      if (c.before !== null && c.before !== c.after) {
        await this.links.deletePageMention(scope, c.blockId, c.before);
      }
    }
    await this.links.insertPageMentions(
      scope,
      changes
        .filter((c): c is PageLinkChange & { after: string } => c.after !== null)
        .map((c) => ({ id: newId(), sourceBlockId: c.blockId, targetPageId: c.after })),
    );
  }
}
