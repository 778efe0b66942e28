import type { AuthContext } from './auth-context';

/**
 * Verifies `sk_…` API keys. The identity feature provides it when it runs in this process;
 * without it, API keys are refused. The guard knows nothing else of how keys are kept.
 */
export interface ApiKeyVerifier {
  verify(key: string): Promise<AuthContext>;
}

export const API_KEY_VERIFIER = Symbol('API_KEY_VERIFIER');

export const API_KEY_PREFIX = 'sk_';
