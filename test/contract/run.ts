/**
 * `npm run test:contract -- --base-url http://127.0.0.1:8000`: the black-box contract suite
 * (shared/API.md) against any running Ocean, through the typed client. The base URL may also
 * come from OCEAN_BASE_URL; credentials from OCEAN_API_KEY (and OCEAN_SECOND_API_KEY, another
 * organization's key, for the cross-tenant checks when identity is off) or
 * OCEAN_EMAIL/OCEAN_PASSWORD; without them it registers throwaway users. Exits 1 when a check
 * fails, 2 on a usage error.
 */
import { runContractSuite } from './suite';

function usage(message: string): never {
  console.error(`test:contract: ${message}`);
  console.error('usage: npm run test:contract -- --base-url URL   (or OCEAN_BASE_URL=URL)');
  process.exit(2);
}

function baseUrlOf(argv: string[]): string {
  let url = process.env.OCEAN_BASE_URL;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--base-url') url = argv[++i] ?? usage('--base-url needs a value');
    else if (arg.startsWith('--base-url=')) url = arg.slice('--base-url='.length);
    else if (arg === '--help' || arg === '-h') usage('runs the contract suite');
    else usage(`unknown argument ${arg}`);
  }
  if (!url) usage('no base URL');
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') usage(`not an http(s) URL: ${url}`);
  } catch {
    usage(`not a URL: ${url}`);
  }
  return url.replace(/\/+$/, '');
}

async function main(): Promise<void> {
  const baseUrl = baseUrlOf(process.argv.slice(2));
  const env = process.env;
  console.log(`contract suite against ${baseUrl}`);
  const summary = await runContractSuite({
    baseUrl,
    apiKey: env.OCEAN_API_KEY || undefined,
    secondApiKey: env.OCEAN_SECOND_API_KEY || undefined,
    email: env.OCEAN_EMAIL || undefined,
    password: env.OCEAN_PASSWORD || undefined,
  });
  process.exitCode = summary.failed > 0 || summary.passed === 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(`test:contract: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
});
