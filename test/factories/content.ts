import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Reply, send } from '../support/http';

export const BLOCKS_URL = '/api/v1/ocean/blocks';
export const TAGS_URL = '/api/v1/ocean/tags';
export const LINKS_URL = '/api/v1/ocean/links';

export interface ContentBlockJson {
  block_id: string;
  page_id: string;
  organization_id: string;
  block_type: string;
  content: Record<string, unknown>;
  properties: Record<string, unknown> & { tags: string[] };
  version: number;
  created_at: string;
  updated_at: string;
}

/** An entry of GET /pages/{id}/backlinks and GET /blocks/{id}/backlinks. */
export interface BacklinkJson {
  link_id: string;
  link_type: string;
  source_block_id: string;
  source_page_id: string;
  source_block_type: string;
  source_content_preview: string;
  created_at: string;
}

export interface TagJson {
  tag_id: string;
  organization_id: string;
  name: string;
  color: string | null;
  description: string | null;
  usage_count: number;
  created_at: string;
  updated_at: string;
}

export interface LinkJson {
  link_id: string;
  source_block_id: string;
  target_id: string;
  link_type: string;
  is_page_link: boolean;
  organization_id: string;
  created_at: string;
}

async function created<T>(what: string, reply: Promise<Reply>, status = 201): Promise<T> {
  const res = await reply;
  if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Creates a block on a page; a text block saying `text` unless the body says otherwise. */
export function addBlock(
  app: NestFastifyApplication,
  token: string,
  pageId: string,
  body: Record<string, unknown> = {},
): Promise<ContentBlockJson> {
  const payload = { block_type: 'text', content: { text: 'text' }, ...body };
  return created('addBlock', send(app, 'POST', `${BLOCKS_URL}?page_id=${pageId}`, { token, payload }));
}

export function createTag(
  app: NestFastifyApplication,
  token: string,
  body: Record<string, unknown> & { name: string },
): Promise<TagJson> {
  return created('createTag', send(app, 'POST', TAGS_URL, { token, payload: body }));
}

export function createLink(
  app: NestFastifyApplication,
  token: string,
  body: { source_block_id: string; target_id: string; link_type?: string; is_page_link?: boolean },
): Promise<LinkJson> {
  return created('createLink', send(app, 'POST', LINKS_URL, { token, payload: body }));
}

export async function assignTag(
  app: NestFastifyApplication,
  token: string,
  blockId: string,
  tagId: string,
): Promise<void> {
  await created(
    'assignTag',
    send(app, 'POST', `${BLOCKS_URL}/${blockId}/tags`, { token, payload: { tag_id: tagId } }),
    200,
  );
}
