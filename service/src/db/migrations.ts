import type { Db } from './types';

// Forward-only, numbered. Never edit a released migration: add the next one.
// Timestamps always come from the service's clock (parameters), never from now() in SQL, so
// tests can step time (the 30-minute code expiry).
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: /* sql */ `
CREATE TABLE school (
  id TEXT PRIMARY KEY,
  uai TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  departement TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE departement_opening (
  departement TEXT PRIMARY KEY,
  opens_at TIMESTAMPTZ NOT NULL
);

-- Records pushed by a school's desktop app; (school_id, id) is the app's local id.
-- rid is the service's own id for a record, the one parents' answers refer to.
CREATE TABLE student (
  rid TEXT PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES school (id),
  id TEXT NOT NULL,
  ine TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  birth_date TEXT,
  division TEXT,
  status TEXT NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (school_id, id)
);

CREATE TABLE guardian (
  rid TEXT PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES school (id),
  id TEXT NOT NULL,
  civility TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  data JSONB NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (school_id, id)
);
CREATE INDEX guardian_phone ON guardian (phone) WHERE NOT deleted;
CREATE INDEX guardian_email ON guardian (email) WHERE NOT deleted;

CREATE TABLE guardianship (
  rid TEXT PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES school (id),
  id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  guardian_id TEXT NOT NULL,
  relation TEXT,
  legal_rank INTEGER NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT FALSE,
  version INTEGER NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (school_id, id)
);
CREATE INDEX guardianship_guardian ON guardianship (school_id, guardian_id) WHERE NOT deleted;

CREATE TABLE account (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  password_hash TEXT,
  must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
  email TEXT,
  email_validated BOOLEAN NOT NULL DEFAULT FALSE,
  state TEXT NOT NULL CHECK (state IN ('none', 'notified', 'activated', 'blocked', 'merged')),
  activation_path TEXT CHECK (activation_path IN ('letter', 'sms')),
  merged_into TEXT REFERENCES account (id),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMPTZ,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_email ON account (email);

-- One guardian record belongs to at most one account; grouping moves records to the main one.
CREATE TABLE account_guardian (
  account_id TEXT NOT NULL REFERENCES account (id),
  school_id TEXT NOT NULL REFERENCES school (id),
  guardian_id TEXT NOT NULL,
  PRIMARY KEY (school_id, guardian_id)
);
CREATE INDEX account_guardian_account ON account_guardian (account_id);

-- Letter credentials: the temporary password is only ever hashed here.
CREATE TABLE credential (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES account (id),
  school_id TEXT NOT NULL REFERENCES school (id),
  guardian_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  voided_at TIMESTAMPTZ,
  used_at TIMESTAMPTZ,
  expiry_reported BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX credential_account ON credential (account_id);
CREATE INDEX credential_live ON credential (school_id, expires_at)
  WHERE voided_at IS NULL AND used_at IS NULL AND NOT expiry_reported;

-- SMS codes and email links. A request is dead once used, expired or after its attempts.
CREATE TABLE verification (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('sms_activation', 'email_validation', 'password_reset_email', 'password_reset_sms')),
  account_id TEXT REFERENCES account (id),
  phone TEXT,
  secret_hash TEXT NOT NULL,
  data JSONB,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  dead BOOLEAN NOT NULL DEFAULT FALSE,
  used_at TIMESTAMPTZ
);
CREATE INDEX verification_secret ON verification (secret_hash);

-- Parent sessions (activation in progress, or logged in). Only the token's hash is stored.
CREATE TABLE session (
  token_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('activation', 'account')),
  account_id TEXT REFERENCES account (id),
  data JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

-- Push idempotency: the outcome of each change key, written in the change's own transaction.
CREATE TABLE change_log (
  school_id TEXT NOT NULL REFERENCES school (id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  result JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (school_id, key)
);

CREATE TABLE feed (
  seq BIGSERIAL PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES school (id),
  kind TEXT NOT NULL,
  payload JSONB NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX feed_school ON feed (school_id, seq);

CREATE TABLE report (
  id TEXT PRIMARY KEY,
  school_id TEXT NOT NULL REFERENCES school (id),
  guardian_id TEXT NOT NULL,
  student_id TEXT NOT NULL,
  account_id TEXT REFERENCES account (id),
  comment TEXT,
  state TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
  resolution TEXT,
  note TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ
);
CREATE INDEX report_school ON report (school_id);

-- Notifications recorded by the development notifier (sesame-service messages).
CREATE TABLE message (
  seq BIGSERIAL PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT,
  body TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL
);
`,
  },
];

/** Applies pending migrations, each in its own transaction; refuses a database from a newer service. */
export async function migrate(db: Db): Promise<number> {
  await db.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
  const rows = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  const current = rows[0]?.v ?? 0;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new Error(`Base de données d’une version plus récente du service (migration ${current} > ${latest}) : mettez le service à jour.`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    await db.tx(async (q) => {
      // Two service processes starting together: the lock makes the second wait, then skip.
      await q.query('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const done = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length) return;
      for (const stmt of splitStatements(m.sql)) await q.query(stmt);
      await q.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date()]);
    });
  }
  return latest;
}

// Extended-protocol queries take one statement each; our migrations hold no semicolons in literals.
function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}
