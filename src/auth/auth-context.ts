export type Role = 'USER' | 'ADMIN';
export type Scope = 'read' | 'write';

/** All that the resource API knows of a caller; built by the guard from a verified credential. */
export interface AuthContext {
  userId: string;
  organizationId: string;
  role: Role;
  scopes: Scope[];
  email?: string;
  /** How the caller proved who they are. */
  via: 'jwt' | 'api_key' | 'remote';
  /**
   * Keys under which the credential can be revoked: the token (`jti:` or, without a jti,
   * `sha256:` of the token), its session (`sid:`), its user (`sub:`), or the API key (`apikey:`).
   */
  revocationKeys: string[];
  /** The identity session an access token belongs to (`sid` claim), when it has one. */
  sessionId?: string;
  /** Seconds since the epoch after which the credential is dead. */
  expiresAt?: number;
  /** Seconds since the epoch when a token was issued (`iat`); unknown for tokens without it. */
  issuedAt?: number;
  /** The API key behind the credential, when it is one. */
  apiKeyId?: string;
}
