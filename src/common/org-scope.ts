import type { AuthContext } from '../auth/auth-context';

const scopes = new WeakMap<AuthContext, OrgScope>();

/**
 * The organization a request acts in. Every repository of tenant data takes one, so no row can
 * be asked for without it; it is made only from a verified AuthContext (once per context), and
 * its private member keeps a look-alike object literal from passing for one.
 */
export class OrgScope {
  /** Makes the type nominal: an object literal with an organizationId is not an OrgScope. */
  declare private readonly brand: never;

  private constructor(readonly organizationId: string) {}

  static of(auth: AuthContext): OrgScope {
    let scope = scopes.get(auth);
    if (!scope) {
      scope = new OrgScope(auth.organizationId);
      scopes.set(auth, scope);
    }
    return scope;
  }
}
