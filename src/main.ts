import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app.factory';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`ocean: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const docs = config.docsEnabled ? ' (docs at /docs)' : '';
  app.get(Logger).log(`ocean listening on http://${config.host}:${config.port}${docs}`, 'Main');
}

bootstrap().catch((err: unknown) => {
  console.error(`ocean: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
