import { randomBytes } from 'node:crypto';
import { loopback, send } from '../test/support/http';
import { eachLimited } from './http';

/** A user registered and signed in through the API, as a client would. */
export interface BenchUser {
  email: string;
  password: string;
  userId: string;
  organizationId: string;
  /** An access token from POST /v1/auth/login. */
  token: string;
}

/** Users registered for the identity and remote-mode scenarios. */
export const BENCH_USERS = 20;

/**
 * Registers `count` users at `port` (each with an organization of its own) and signs each in
 * once. Four at a time: argon2id runs on libuv's four threads, more would only queue.
 */
export async function registerUsers(port: number, count: number): Promise<BenchUser[]> {
  const run = randomBytes(4).toString('hex');
  const users: BenchUser[] = [];
  const indexes = Array.from({ length: count }, (_, i) => i);
  await eachLimited(indexes, 4, async (i) => {
    const email = `bench.user.${i}.${run}@example.com`;
    // Upper and lower case, a digit and a symbol, and nothing of the email in it.
    const password = `Ocean-${randomBytes(6).toString('hex')}-Pw9!`;
    const registered = await send(loopback(port), 'POST', '/v1/auth/register', {
      payload: { email, password, organization_name: `Bench organization ${i}` },
    });
    if (registered.status !== 201) {
      throw new Error(
        `registering ${email}: expected 201, got ${registered.status} ${JSON.stringify(registered.body)}`,
      );
    }
    const user = registered.body as { id: string; organization_id: string };
    const token = await login(port, email, password);
    users.push({ email, password, userId: user.id, organizationId: user.organization_id, token });
  });
  return users;
}

export async function login(port: number, email: string, password: string): Promise<string> {
  const { status, body } = await send(loopback(port), 'POST', '/v1/auth/login', { payload: { email, password } });
  if (status !== 200) throw new Error(`signing in ${email}: expected 200, got ${status} ${JSON.stringify(body)}`);
  return (body as { access_token: string }).access_token;
}
