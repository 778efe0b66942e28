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
  /** Key in the revocation store: the token's `jti`, else the SHA-256 of the token. */
  revocationKey?: string;
  /** Seconds since the epoch after which the credential is dead. */
  expiresAt?: number;
}
