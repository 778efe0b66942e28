import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { send } from '../support/http';

export const BLOCKS = '/api/v1/ocean/blocks';

export interface BlockJson {
  block_id: string;
  page_id: string;
  organization_id: string;
  user_id: string;
  block_type: string;
  content: Record<string, unknown>;
  position: number;
  parent_block_id: string | null;
  properties: Record<string, unknown> & { tags: string[] };
  vector_id: string | null;
  vector_dimensions: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Creates a block through the API; a text block with `text` unless the body says otherwise. */
export async function createBlock(
  app: NestFastifyApplication,
  token: string,
  pageId: string,
  body: Record<string, unknown> = {},
): Promise<BlockJson> {
  const res = await send(app, 'POST', `${BLOCKS}?page_id=${pageId}`, {
    token,
    payload: { block_type: 'text', content: { text: 'hello' }, ...body },
  });
  if (res.status !== 201) throw new Error(`createBlock failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
