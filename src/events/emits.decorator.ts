import { SetMetadata } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context';
import { AppError } from '../common/errors';
import { isUuid } from '../common/ids';
import type { EventDraft, EventType } from './event-types';

export const EMITS = 'ocean:emits';

/** What a route's events are made of: its controller, caller and request, and what it answered. */
export interface EmitInput<C> {
  controller: C;
  auth: AuthContext;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** What `before` read, in the same transaction, before the handler ran. */
  before: unknown;
  /** What the handler answered (the resource as the API renders it). */
  result: unknown;
}

export interface EmitSpec<C = unknown> {
  /** Reads what the change will remove (a deletion's ids and page), before the handler runs. */
  before?(input: Omit<EmitInput<C>, 'before' | 'result'>): Promise<unknown>;
  events(input: EmitInput<C>): EventDraft[] | Promise<EventDraft[]>;
}

/**
 * Declares the events a route's change appends to the outbox. The OutboxInterceptor runs the
 * route in one unit of work and appends them in it, after the handler: a change that fails or
 * rolls back appends nothing, and one that commits has its events. Every route that changes
 * pages, blocks, links or tags carries it (test/e2e/events-outbox checks that none is missing).
 */
export const Emits = <C>(spec: EmitSpec<C>): MethodDecorator => SetMetadata(EMITS, spec);

/** The draft of an event about a page as rendered. */
export const pageEvent = (type: EventType, page: { page_id: string }): EventDraft => ({
  type,
  resourceId: page.page_id,
  pageId: page.page_id,
  data: page,
});

/** The draft of an event about a block as rendered. */
export const blockEvent = (type: EventType, block: { block_id: string; page_id: string }): EventDraft => ({
  type,
  resourceId: block.block_id,
  pageId: block.page_id,
  data: block,
});

export const tagEvent = (type: EventType, tag: { tag_id: string }): EventDraft => ({
  type,
  resourceId: tag.tag_id,
  pageId: null,
  data: tag,
});

export const linkEvent = (type: EventType, link: { link_id: string }): EventDraft => ({
  type,
  resourceId: link.link_id,
  pageId: null,
  data: link,
});

/**
 * For `before`: what `read` finds of the id in the path, or null when the id is malformed or
 * names nothing (then the handler, whose pipes have not run yet, answers its own error).
 */
export async function existing<T>(id: string | undefined, read: (id: string) => Promise<T>): Promise<T | null> {
  if (id === undefined || !isUuid(id)) return null;
  try {
    return await read(id.toLowerCase());
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}
