import { Injectable } from '@nestjs/common';

/**
 * Answers "is this credential revoked?" from memory, without a network round trip per request.
 * The identity feature feeds it (logout, password reset, deleted users) and keeps every
 * instance's copy in step; until then nothing is revoked, but the guard already asks.
 */
@Injectable()
export class RevocationStore {
  private readonly revoked = new Map<string, number>();

  isRevoked(key: string | undefined): boolean {
    if (!key) return false;
    const until = this.revoked.get(key);
    if (until === undefined) return false;
    if (until * 1000 < Date.now()) {
      this.revoked.delete(key);
      return false;
    }
    return true;
  }

  /** Marks a credential revoked until `expiresAt` (seconds since the epoch). */
  add(key: string, expiresAt: number): void {
    this.revoked.set(key, expiresAt);
  }
}
