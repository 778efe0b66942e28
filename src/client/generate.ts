import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../app.factory';
import { loadConfig } from '../config/config';

/** Where the generated types are checked in (src/client/openapi.ts, from dist/client or src/client). */
export const GENERATED_TYPES = join(__dirname, '..', '..', 'src', 'client', 'openapi.ts');

const HEADER =
  '// Generated from the OpenAPI document by `npm run client:generate` (openapi-typescript). Do not edit.\n';

/**
 * The application's own OpenAPI document, as /docs-json serves it, from an instance on an
 * in-memory database with the default shape (local identity, docs on).
 */
export async function openApiDocument(): Promise<unknown> {
  const app = await createApp(
    loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: 'memory://',
      JWT_SECRET: randomBytes(32).toString('hex'),
    }),
  );
  try {
    await app.getHttpAdapter().getInstance().ready();
    const answer = await app.inject({ method: 'GET', url: '/docs-json' });
    if (answer.statusCode !== 200) throw new Error(`/docs-json answered ${answer.statusCode}`);
    return JSON.parse(answer.body) as unknown;
  } finally {
    await app.close();
  }
}

/** The TypeScript types of `document` (openapi-typescript), formatted as the repository's code is. */
export async function typesOf(document: unknown): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const prettier = await import('prettier');
  const source =
    HEADER +
    astToString(
      // A field with a default is still optional to send (openapi-typescript would make it required).
      await openapiTS(document as Parameters<typeof openapiTS>[0], { defaultNonNullable: false }),
    );
  const options = (await prettier.resolveConfig(GENERATED_TYPES)) ?? {};
  return prettier.format(source, { ...options, filepath: GENERATED_TYPES });
}

async function main(): Promise<void> {
  await writeFile(GENERATED_TYPES, await typesOf(await openApiDocument()));
  console.log(`client: wrote ${GENERATED_TYPES}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
