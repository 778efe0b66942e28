import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import type { AuthContext } from '../auth-context';
import type { AuthedRequest } from '../decorators';
import { RemoteMeVerifier } from '../remote-me.verifier';
import { UNREGISTERED } from './registry';

/**
 * Remote mode: a bearer token is whoever the core's GET /v1/auth/me says it is (its client on
 * axios keeps a short cache, one call per credential at a time, and a breaker: 503 while the
 * core is down).
 */
@Injectable()
export class CoreStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly core: RemoteMeVerifier) {
    super();
  }

  getPassportInstance(): typeof UNREGISTERED {
    return UNREGISTERED;
  }

  async validate(req: AuthedRequest): Promise<AuthContext | null> {
    if (req.credential?.kind !== 'jwt') return null;
    return this.core.verify(req.credential.value);
  }
}
