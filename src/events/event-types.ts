import type { AuthContext } from '../auth/auth-context';

/** Every change an event can tell of (API.md, "Events and webhooks"). */
export const EVENT_TYPES = [
  'page.created',
  'page.updated',
  'page.moved',
  'page.archived',
  'page.restored',
  'page.deleted',
  'block.created',
  'block.updated',
  'block.moved',
  'block.converted',
  'block.deleted',
  'block.tagged',
  'block.untagged',
  'link.created',
  'link.deleted',
  'tag.created',
  'tag.updated',
  'tag.deleted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What a change appends to the outbox: its type, what it is about, and the resource as rendered. */
export interface EventDraft {
  type: EventType;
  resourceId: string;
  /** The page the resource is on: a page itself, a block's page, a tagged block's page. */
  pageId: string | null;
  /** The resource as the API renders it after the change; ids only for deletions. */
  data: object;
}

/** An event as the API renders it. */
export interface OceanEvent {
  event_id: string;
  type: EventType;
  organization_id: string;
  actor: { user_id: string; via: AuthContext['via'] };
  resource_id: string;
  page_id: string | null;
  data: Record<string, unknown>;
  occurred_at: string;
}

/** Width of an event id: the organization's sequence number, zero-padded, so ids sort as strings. */
const ID_WIDTH = 16;

export const formatEventId = (seq: number): string => String(seq).padStart(ID_WIDTH, '0');

/** The sequence number of an event id (digits only, at most 16, within a safe integer), or null. */
export function parseEventId(id: string): number | null {
  if (!/^[0-9]{1,16}$/.test(id)) return null;
  const seq = Number(id);
  return Number.isSafeInteger(seq) ? seq : null;
}
