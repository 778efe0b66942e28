import type { AuthContext } from './auth-context';

/**
 * Turns a bearer credential into an AuthContext or throws an AppError (401 for a bad
 * credential, 503 when a dependency needed to decide is down). Local JWT verification is the
 * first implementation; remote `/v1/auth/me` and API keys slot in beside it.
 */
export interface CredentialVerifier {
  verify(credential: string): Promise<AuthContext>;
}

export const JWT_VERIFIER = Symbol('JWT_VERIFIER');
