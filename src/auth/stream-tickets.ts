import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../common/errors';
import { Db } from '../database/db';
import type { AuthContext } from './auth-context';

/** How long a stream ticket may wait for its stream (API.md: `expires_in: 60`). */
export const TICKET_SECONDS = 60;
const TICKET_PREFIX = 'st_';
const TICKET_SHAPE = /^st_[A-Za-z0-9_-]{43}$/;

const digest = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

const unknownTicket = (): AppError => new AppError('INVALID_TOKEN', 'The stream ticket is unknown, used or expired.');

/** The fields of an AuthContext a ticket keeps, each checked when it is read back. */
const FIELDS = ['userId', 'organizationId', 'role', 'scopes', 'email', 'via', 'tokenId', 'tokenDigest', 'sessionId'];

/**
 * Single-use tickets for browsers' EventSource, which cannot send an Authorization header: a
 * caller trades its credential for a ticket (POST /events/tickets), and the stream URL carries
 * the ticket (`?ticket=`) instead of the credential. The table holds the ticket's SHA-256 (the
 * ticket is 256 random bits: a fast hash is enough, and the database never holds the ticket)
 * and the caller it stands for, whose credential ids and expiry go with it: the stream opened
 * with it is refused, or ended, when that credential is revoked or expires. Redeeming deletes
 * the row in the same statement, so two requests with one ticket cannot both get a stream.
 */
@Injectable()
export class StreamTickets {
  constructor(private readonly db: Db) {}

  async issue(auth: AuthContext): Promise<{ ticket: string; expiresIn: number }> {
    const ticket = TICKET_PREFIX + randomBytes(32).toString('base64url');
    const context: Record<string, unknown> = {};
    for (const field of [...FIELDS, 'apiKeyId', 'issuedAt', 'expiresAt'] as const) {
      const value = auth[field as keyof AuthContext];
      if (value !== undefined) context[field] = value;
    }
    // Never past the credential it stands for.
    const seconds =
      auth.expiresAt === undefined ? TICKET_SECONDS : Math.min(TICKET_SECONDS, auth.expiresAt - Date.now() / 1000);
    await this.db.tx.query(
      `INSERT INTO stream_tickets (ticket_hash, organization_id, context, expires_at)
       VALUES ($1, $2, $3::jsonb, now() + make_interval(secs => $4))`,
      [digest(ticket), auth.organizationId, JSON.stringify(context), Math.max(0, seconds)],
    );
    return { ticket, expiresIn: Math.max(0, Math.floor(seconds)) };
  }

  /** The caller a ticket stands for; the ticket is spent, whatever the outcome. */
  async redeem(ticket: unknown): Promise<AuthContext> {
    if (typeof ticket !== 'string' || !TICKET_SHAPE.test(ticket)) throw unknownTicket();
    const [rows] = await this.db.tx.query<[Array<{ context: Record<string, unknown>; live: boolean }>, number]>(
      `DELETE FROM stream_tickets WHERE ticket_hash = $1 RETURNING context, expires_at > now() AS live`,
      [digest(ticket)],
    );
    if (rows.length === 0 || !rows[0].live) throw unknownTicket();
    return contextOf(rows[0].context);
  }

  /** Forgets the tickets that expired unused. */
  async purgeExpired(): Promise<number> {
    const [, affected] = await this.db.tx.query<[unknown, number]>(
      `DELETE FROM stream_tickets WHERE expires_at < now()`,
    );
    return affected;
  }
}

function contextOf(c: Record<string, unknown>): AuthContext {
  const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const { userId, organizationId, role, scopes, via } = c;
  if (
    typeof userId !== 'string' ||
    typeof organizationId !== 'string' ||
    (role !== 'USER' && role !== 'ADMIN') ||
    !Array.isArray(scopes) ||
    (via !== 'jwt' && via !== 'api_key' && via !== 'remote')
  ) {
    throw unknownTicket();
  }
  return {
    userId,
    organizationId,
    role,
    scopes: scopes.filter((s): s is 'read' | 'write' => s === 'read' || s === 'write'),
    via,
    email: text(c.email),
    tokenId: text(c.tokenId),
    tokenDigest: text(c.tokenDigest),
    sessionId: text(c.sessionId),
    apiKeyId: text(c.apiKeyId),
    issuedAt: num(c.issuedAt),
    expiresAt: num(c.expiresAt),
  };
}
