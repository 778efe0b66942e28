import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { SignJWT } from 'jose';
import { randomBytes, webcrypto } from 'node:crypto';
import { importHmacKey, kidOf } from '../auth/jwt-keys';
import { APP_CONFIG, AppConfig } from '../config/config';
import { newId } from '../common/ids';

export interface AccessClaims {
  userId: string;
  email: string;
  role: 'USER' | 'ADMIN';
  organizationId: string;
  sessionId: string;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: number;
}

export const randomToken = (prefix: string, bytes = 32): string =>
  `${prefix}${randomBytes(bytes).toString('base64url')}`;

/**
 * Issues access tokens of the contract in API.md: HS256 with the current secret and its kid,
 * claims sub, email, role, organization_id, sid, jti, type "access", iss/aud when configured.
 */
@Injectable()
export class TokensService implements OnModuleInit {
  private key!: webcrypto.CryptoKey;
  private readonly kid: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.kid = kidOf(config.auth.jwtSecret);
  }

  async onModuleInit(): Promise<void> {
    this.key = await importHmacKey(this.config.auth.jwtSecret, 'sign');
  }

  get accessTokenSeconds(): number {
    return this.config.auth.accessTokenMinutes * 60;
  }

  get refreshTokenSeconds(): number {
    return this.config.auth.refreshTokenDays * 24 * 3600;
  }

  async issueAccessToken(claims: AccessClaims): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const jti = newId();
    const expiresAt = now + this.accessTokenSeconds;
    let jwt = new SignJWT({
      email: claims.email,
      role: claims.role,
      organization_id: claims.organizationId,
      sid: claims.sessionId,
      type: 'access',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.kid })
      .setSubject(claims.userId)
      .setJti(jti)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt);
    if (this.config.auth.issuer) jwt = jwt.setIssuer(this.config.auth.issuer);
    if (this.config.auth.audience) jwt = jwt.setAudience(this.config.auth.audience);
    return { token: await jwt.sign(this.key), jti, expiresAt };
  }
}
