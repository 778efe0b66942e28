export type Role = 'USER' | 'ADMIN';
export type Scope = 'read' | 'write';

/** All that the resource API knows of a caller; built by a strategy from a verified credential. */
export interface AuthContext {
  userId: string;
  organizationId: string;
  role: Role;
  scopes: Scope[];
  email?: string;
  /** How the caller proved who they are. */
  via: 'jwt' | 'api_key' | 'remote';
  /** The token's own id (`jti`), when it has one. */
  tokenId?: string;
  /**
   * For a credential without an id of its own (a token without `jti`, or an API key the core
   * names no id for): the SHA-256 of the credential, `sha256:<hex>` (see tokenKey).
   */
  tokenDigest?: string;
  /** The identity session an access token belongs to (`sid` claim), when it has one. */
  sessionId?: string;
  /** The API key behind the credential, when it is one. */
  apiKeyId?: string;
  /** Seconds since the epoch when a token was issued (`iat`); unknown for tokens without it. */
  issuedAt?: number;
  /** Seconds since the epoch after which the credential is dead. */
  expiresAt?: number;
}
