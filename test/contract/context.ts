import { randomBytes } from 'node:crypto';
import { OceanApiError } from '../../src/client';
import {
  expect,
  newEmail,
  newPassword,
  openSession,
  skip,
  type ContractOptions,
  type Credential,
  type Session,
} from './support';

export interface SignedIn extends Session {
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
}

/**
 * One run of the suite against one deployment: its sessions (made once, on first use) and what
 * to undo at the end.
 */
export class Contract {
  /** A tag of this run, in every title and name the suite writes. */
  readonly run = randomBytes(3).toString('hex');
  private readonly undo: Array<{ what: string; action: () => Promise<unknown> }> = [];
  private readonly memo = new Map<string, Promise<unknown>>();

  /**
   * The identity checks' user (registered there). Signed in once more, it is also the user the
   * bad-input checks spend their requests on: one more login of the per-IP auth budget instead
   * of a register and a login.
   */
  readonly identityAccount = { email: newEmail(), password: newPassword(), registered: false };

  constructor(readonly options: ContractOptions) {}

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.memo.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      this.memo.set(key, made);
    }
    return made;
  }

  anonymous(label = 'anonymous'): Session {
    return openSession(this.options.baseUrl, label, {});
  }

  session(label: string, credential: Credential): Session {
    return openSession(this.options.baseUrl, label, credential);
  }

  /** /api/v1/info: which parts this deployment serves. */
  info(): Promise<{ features: string[]; auth_mode: string }> {
    return this.once('info', async () => {
      const { data } = await this.anonymous().api.GET('/api/v1/info');
      const features = (data as { features?: unknown } | undefined)?.features;
      expect(Array.isArray(features), `/api/v1/info has no features list: ${JSON.stringify(data)}`);
      return data as unknown as { features: string[]; auth_mode: string };
    });
  }

  async identityEnabled(): Promise<boolean> {
    return (await this.info()).features.includes('identity');
  }

  /** Skips the calling check when the deployment has no built-in identity. */
  async needIdentity(): Promise<void> {
    if (!(await this.identityEnabled())) skip('identity is turned off on this deployment (no "identity" feature)');
  }

  /** Registers and signs in a throwaway user with an organization of its own. */
  async register(label: string): Promise<SignedIn> {
    await this.needIdentity();
    const email = newEmail();
    const password = newPassword();
    const anonymous = this.anonymous(label);
    await anonymous.api.POST('/v1/auth/register', {
      body: { email, password, organization_name: `Contract ${this.run} ${label}` },
    });
    return this.signIn(label, email, password);
  }

  async signIn(label: string, email: string, password: string): Promise<SignedIn> {
    const { data: pair } = await this.anonymous(label).api.POST('/v1/auth/login', { body: { email, password } });
    expect(pair?.access_token && pair.refresh_token, `login answered no token pair: ${JSON.stringify(pair)}`);
    const session = this.session(label, { accessToken: pair.access_token, refreshToken: pair.refresh_token });
    return {
      ...session,
      email,
      password,
      accessToken: pair.access_token,
      refreshToken: pair.refresh_token,
      userId: pair.user.id,
      organizationId: pair.user.organization_id,
    };
  }

  /**
   * The owner of the resources the suite makes: OCEAN_API_KEY, else OCEAN_EMAIL/OCEAN_PASSWORD,
   * else a registered throwaway user.
   */
  owner(): Promise<Session> {
    return this.once('owner', async () => {
      const { apiKey, email, password } = this.options;
      if (apiKey) {
        const session = this.session('owner', { apiKey });
        if (await this.identityEnabled()) {
          const { data: me } = await session.api.GET('/v1/auth/me');
          session.userId = me?.id;
          session.organizationId = me?.organization_id;
        }
        return session;
      }
      if (email && password) return this.signIn('owner', email, password);
      return this.register('owner');
    });
  }

  /** Another organization: for the cross-tenant checks. */
  intruder(): Promise<Session> {
    return this.once('intruder', async () => {
      if (this.options.secondApiKey) return this.session('intruder', { apiKey: this.options.secondApiKey });
      if (!(await this.identityEnabled())) {
        skip('needs a second organization: identity is off and OCEAN_SECOND_API_KEY is not set');
      }
      return this.register('intruder');
    });
  }

  /**
   * Where the bad-input checks spend their requests: a user of its own, so that neither the
   * owner's nor the intruder's per-caller budget (RATE_LIMIT_PER_MINUTE, 100 by default) runs out.
   */
  probe(): Promise<Session> {
    return this.once('probe', async () => {
      if (!(await this.identityEnabled())) return this.options.secondApiKey ? this.intruder() : this.owner();
      const { email, password, registered } = this.identityAccount;
      return registered ? this.signIn('probe', email, password) : this.register('probe');
    });
  }

  /** Runs at the end, last registered first, whatever the checks did. */
  later(what: string, action: () => Promise<unknown>): void {
    this.undo.push({ what, action });
  }

  /** Archives, then purges the page at the end (DELETE, then DELETE ?permanent=true). */
  purgeLater(s: Session, id: string): void {
    this.later(`purge page ${id}`, async () => {
      await s.api.DELETE('/api/v1/ocean/pages/{id}', { params: { path: { id } } }).catch((err: unknown) => {
        // Archived already is fine: the purge below is what matters.
        if (!(err instanceof OceanApiError) || err.status >= 500) throw err;
      });
      await s.api.DELETE('/api/v1/ocean/pages/{id}', { params: { path: { id }, query: { permanent: 'true' } } });
    });
  }

  /** Requests sent per signed-in session (each has RATE_LIMIT_PER_MINUTE, 100 by default). */
  async requestCounts(): Promise<string> {
    const counts: string[] = [];
    for (const [key, made] of this.memo) {
      if (key === 'info') continue;
      const session = (await made.catch(() => undefined)) as Session | undefined;
      if (session) counts.push(`${session.label} ${session.sent()}`);
    }
    return counts.join(', ');
  }

  /** Undoes what the suite made; answers what could not be undone. */
  async cleanUp(): Promise<{ done: number; failures: string[] }> {
    const failures: string[] = [];
    let done = 0;
    for (const { what, action } of this.undo.splice(0).reverse()) {
      try {
        await action();
        done++;
      } catch (err) {
        // Already gone (a check purged it) is fine.
        if (err instanceof OceanApiError && err.status === 404) done++;
        else failures.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { done, failures };
  }
}
