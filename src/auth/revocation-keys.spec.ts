import { describe, expect, it } from 'vitest';
import {
  apiKeyKey,
  canonicalSubject,
  isCanonicalJws,
  jtiKey,
  MAX_REVOCATION_KEY_LENGTH,
  ownRevocationKey,
  revocationKeysOf,
  sessionKey,
  subjectKey,
  tokenKey,
} from './revocation-keys';

describe('revocation keys', () => {
  it('canonical base64url: the spare bits of a segment’s last character are zero', () => {
    expect(isCanonicalJws('AA.AAA.AAAA')).toBe(true);
    expect(isCanonicalJws('AQ.AAE.')).toBe(true); // Q = 16: its low 4 bits are spare and zero
    expect(isCanonicalJws('AB.AAA.AAAA')).toBe(false); // B = 1 in a 2-character tail
    expect(isCanonicalJws('AA.AAB.AAAA')).toBe(false); // B = 1 in a 3-character tail
    expect(isCanonicalJws('AA.A.AAAA')).toBe(false); // a length of 1 mod 4 is never base64
  });

  it('one key for the same bytes, another for other bytes', () => {
    expect(tokenKey('eyJh.eyJi.c2ln')).toBe(tokenKey('eyJh.eyJi.c2ln'));
    expect(tokenKey('eyJh.eyJi.c2ln')).not.toBe(tokenKey('eyJh.eyJi.c2lm'));
    expect(tokenKey('eyJh.eyJi.c2ln')).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('every key fits the table, whatever the claim’s length', () => {
    expect(jtiKey('short')).toBe('jti:short');
    for (const key of [jtiKey('j'.repeat(5000)), sessionKey('s'.repeat(161))]) {
      expect(key.length).toBeLessThanOrEqual(MAX_REVOCATION_KEY_LENGTH);
      expect(key).toMatch(/^(jti|sid):sha256:[0-9a-f]{64}$/);
    }
  });

  it('a UUID subject has one spelling', () => {
    expect(canonicalSubject('0190F0B2-7A1C-7D3E-8F00-1234567890AB')).toBe('0190f0b2-7a1c-7d3e-8f00-1234567890ab');
    expect(canonicalSubject('User-A')).toBe('User-A');
  });

  it('derives every key from the credential’s fields: its own key first, then its user and session', () => {
    const digest = tokenKey('eyJh.eyJi.c2ln');
    expect(revocationKeysOf({ userId: 'u', tokenId: 'j', tokenDigest: digest, sessionId: 's' })).toEqual([
      jtiKey('j'),
      subjectKey('u'),
      sessionKey('s'),
    ]);
    expect(revocationKeysOf({ userId: 'u', tokenDigest: digest })).toEqual([digest, subjectKey('u')]);
    // An API key is revoked by its id, whatever else the core said of the credential.
    expect(ownRevocationKey({ userId: 'u', apiKeyId: 'k', tokenDigest: digest })).toBe(apiKeyKey('k'));
    expect(revocationKeysOf({ userId: 'u' })).toEqual([subjectKey('u')]);
  });
});
