import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-user revocation cut-offs (password reset and change revoke every token issued before
 * them, by `iat`) and sign-in attempts counted apart from confirmed failures, so that
 * concurrent correct sign-ins do not lock an account; a credentials version that a password
 * reset or change increases, so that a sign-in checked against the old password cannot open a
 * session after the reset.
 */
export class Hardening1732600000000 implements MigrationInterface {
  name = 'Hardening1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE revocations ADD COLUMN issued_before double precision`);
    await q.query(`ALTER TABLE revocations ADD COLUMN except_session varchar(200)`);
    await q.query(`ALTER TABLE users ADD COLUMN logins_in_flight integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN login_reserved_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN credentials_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN credentials_version`);
    await q.query(`ALTER TABLE users DROP COLUMN login_reserved_at`);
    await q.query(`ALTER TABLE users DROP COLUMN logins_in_flight`);
    await q.query(`ALTER TABLE revocations DROP COLUMN except_session`);
    await q.query(`ALTER TABLE revocations DROP COLUMN issued_before`);
  }
}
