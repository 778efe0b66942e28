import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1732500000000 implements MigrationInterface {
  name = 'CreateIdentity1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        organization_id uuid PRIMARY KEY,
        name varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await q.query(`
      CREATE TABLE users (
        user_id uuid PRIMARY KEY,
        email varchar(320) NOT NULL,
        full_name varchar(200),
        password_hash text NOT NULL,
        role varchar(10) NOT NULL DEFAULT 'USER',
        is_verified boolean NOT NULL DEFAULT false,
        organization_id uuid NOT NULL REFERENCES organizations (organization_id),
        failed_login_attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_role_known CHECK (role IN ('USER', 'ADMIN'))
      )
    `);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`
      CREATE TABLE memberships (
        organization_id uuid NOT NULL REFERENCES organizations (organization_id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        role varchar(20) NOT NULL DEFAULT 'member',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_id)
      )
    `);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);
    await q.query(`
      CREATE TABLE sessions (
        session_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent varchar(300),
        ip varchar(64)
      )
    `);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL`);
    // Refresh tokens are opaque; only their SHA-256 is kept. A spent token stays (used_at set)
    // so that presenting it again is recognised as reuse.
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash char(64) PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await q.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        api_key_id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations (organization_id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        prefix varchar(20) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await q.query(`CREATE INDEX api_keys_user_idx ON api_keys (user_id)`);
    await q.query(`
      CREATE TABLE one_time_tokens (
        token_hash char(64) PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
        purpose varchar(20) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT one_time_tokens_purpose_known CHECK (purpose IN ('verify_email', 'reset_password'))
      )
    `);
    await q.query(`
      CREATE TABLE mail_outbox (
        mail_id uuid PRIMARY KEY,
        to_email varchar(320) NOT NULL,
        subject varchar(300) NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )
    `);
    // The revocation store: every instance keeps these keys in memory and learns of new ones
    // through NOTIFY (or Redis); rows are kept until the credential would have expired anyway.
    await q.query(`
      CREATE TABLE revocations (
        key varchar(200) PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await q.query(`CREATE INDEX revocations_expires_idx ON revocations (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'revocations',
      'mail_outbox',
      'one_time_tokens',
      'api_keys',
      'refresh_tokens',
      'sessions',
      'memberships',
      'users',
      'organizations',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
