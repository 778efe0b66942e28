import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { send } from '../support/http';

export interface PageBody {
  title?: unknown;
  parent_page_id?: string | null;
  icon?: string | null;
  cover_image?: string | null;
  metadata?: unknown;
  [key: string]: unknown;
}

export interface PageJson {
  page_id: string;
  organization_id: string;
  user_id: string;
  title: string;
  parent_page_id: string | null;
  position: number;
  is_archived: boolean;
  is_favorite: boolean;
  icon: string | null;
  cover_image: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export const PAGES = '/api/v1/ocean/pages';

/** Creates a page through the API and returns it; fails loudly if the API refuses. */
export async function createPage(app: NestFastifyApplication, token: string, body: PageBody = {}): Promise<PageJson> {
  const res = await send(app, 'POST', PAGES, { token, payload: { title: 'Untitled', ...body } });
  if (res.status !== 201) throw new Error(`createPage failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
