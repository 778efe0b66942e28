import { Inject, Injectable, Optional } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-custom';
import { AppError } from '../../common/errors';
import { API_KEY_VERIFIER, type ApiKeyVerifier } from '../api-key-verifier';
import type { AuthContext } from '../auth-context';
import type { AuthedRequest } from '../decorators';
import { UNREGISTERED } from './registry';

const API_KEY_SHAPE = /^sk_[A-Za-z0-9_-]{16,200}$/;

/**
 * `sk_…` API keys, from X-API-Key or `Authorization: Bearer sk_…`: verified by the identity in
 * this process, or by the core when there is none here. Any other credential is not its own:
 * it fails, and the next strategy (jwt or core) takes it.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy) {
  constructor(@Optional() @Inject(API_KEY_VERIFIER) private readonly verifier?: ApiKeyVerifier) {
    super();
  }

  getPassportInstance(): typeof UNREGISTERED {
    return UNREGISTERED;
  }

  async validate(req: AuthedRequest): Promise<AuthContext | null> {
    if (req.credential?.kind !== 'api_key') return null;
    if (!this.verifier) throw new AppError('INVALID_TOKEN', 'API keys are not accepted by this deployment.');
    if (!API_KEY_SHAPE.test(req.credential.value)) throw new AppError('INVALID_TOKEN', 'The API key is malformed.');
    return this.verifier.verify(req.credential.value);
  }
}
