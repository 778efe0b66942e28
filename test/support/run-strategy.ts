import type { Strategy } from 'passport';
import type { AuthContext } from '../../src/auth/auth-context';
import type { Credential } from '../../src/auth/credential';
import { refusalOf } from '../../src/auth/strategies/refusal';

/**
 * Runs one strategy on a request carrying `credential`, as passport does (the strategy's
 * actions bound to a copy of it): its success is the caller; a failure is refused as the guard
 * refuses it (refusalOf), an error is thrown as it is; a strategy that fails without a reason
 * (the credential was not its kind) answers null.
 */
export function runStrategy(strategy: Strategy, credential: Credential): Promise<AuthContext | null> {
  return new Promise((resolve, reject) => {
    const attempt = Object.create(strategy) as {
      authenticate(req: unknown, options: object): void;
      success(user: AuthContext): void;
      fail(reason?: unknown): void;
      error(err: unknown): void;
      pass(): void;
    };
    attempt.success = (user) => resolve(user);
    attempt.fail = (reason) => (reason === undefined ? resolve(null) : reject(refusalOf(reason)));
    attempt.error = (err) => reject(err instanceof Error ? err : new Error('a non-error'));
    attempt.pass = () => reject(new Error('the strategy passed without a decision'));
    attempt.authenticate({ headers: {}, credential }, {});
  });
}
