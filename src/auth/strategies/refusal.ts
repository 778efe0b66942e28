import { AppError } from '../../common/errors';

const invalid = (detail: string): AppError => new AppError('INVALID_TOKEN', detail);

/** jsonwebtoken's words for a claim it refused, and the claim they are about. */
const CLAIM_REFUSALS: Array<[RegExp, string, string]> = [
  [/^jwt audience invalid/, 'aud', 'it does not name this service'],
  [/^jwt issuer invalid/, 'iss', 'it is not the configured issuer'],
];

/**
 * The answer to a credential a strategy refused: an AppError as it is, or what passport-jwt's
 * verifier (jsonwebtoken) said, in Ocean's words and codes. Nothing of the token is echoed.
 * (A non-numeric exp, nbf or iat never reaches jsonwebtoken: verificationKeyOf refuses it.)
 */
export function refusalOf(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  const { name, message } = (reason ?? {}) as { name?: string; message?: string };
  if (name === 'TokenExpiredError') return new AppError('TOKEN_EXPIRED');
  if (name === 'NotBeforeError') return invalid(`The token's "nbf" claim is invalid: the token is not valid yet.`);
  if (name === 'JsonWebTokenError' && typeof message === 'string') {
    if (message === 'invalid signature') return invalid('The token signature is invalid.');
    if (message === 'invalid algorithm') return invalid('The token must be signed with HS256.');
    for (const [pattern, claim, why] of CLAIM_REFUSALS) {
      if (pattern.test(message)) return invalid(`The token's "${claim}" claim is invalid: ${why}.`);
    }
    if (message === 'jwt malformed' || message === 'invalid token')
      return invalid('The token is not a well-formed JWT.');
  }
  return invalid('The token could not be verified.');
}
