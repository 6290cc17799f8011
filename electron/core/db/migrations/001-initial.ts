// The register's first schema. Forward-only: never edit a released migration, add the next one.
// Column notes: `*_raw` keeps what the sheet or the person typed, so nothing is lost when a value
// fails validation; `*_key` columns are normalised forms used for matching and search.

export default /* sql */ `
CREATE TABLE school (
  id TEXT PRIMARY KEY CHECK (id = 'school'),
  uai TEXT,
  name TEXT NOT NULL DEFAULT '',
  address TEXT,
  departement TEXT,
  updated_at TEXT
);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE student (
  id TEXT PRIMARY KEY,
  ine TEXT,
  ine_raw TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  birth_date TEXT,
  birth_date_raw TEXT,
  division TEXT,
  status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'left')),
  match_key TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The import run that created the record (null: created by hand). An import writes no audit row
  -- per creation: history shows the creation from import_run (docs/decisions/006).
  created_run_id TEXT
);
CREATE UNIQUE INDEX student_ine ON student (ine) WHERE ine IS NOT NULL;
CREATE INDEX student_match ON student (match_key);
CREATE INDEX student_division ON student (division);

CREATE TABLE guardian (
  id TEXT PRIMARY KEY,
  civility TEXT,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  phone TEXT,
  phone_raw TEXT,
  email TEXT,
  email_raw TEXT,
  address_line1 TEXT,
  address_line2 TEXT,
  postal_code TEXT,
  city TEXT,
  country TEXT,
  name_key TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  created_run_id TEXT
);
CREATE INDEX guardian_phone ON guardian (phone);
CREATE INDEX guardian_email ON guardian (email);
CREATE INDEX guardian_name ON guardian (name_key);

CREATE TABLE guardianship (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES student (id),
  guardian_id TEXT NOT NULL REFERENCES guardian (id),
  relation TEXT,
  legal_rank INTEGER NOT NULL DEFAULT 0 CHECK (legal_rank IN (0, 1, 2)),
  created_at TEXT NOT NULL,
  UNIQUE (student_id, guardian_id)
);
CREATE INDEX guardianship_guardian ON guardianship (guardian_id);

CREATE TABLE account (
  guardian_id TEXT PRIMARY KEY REFERENCES guardian (id),
  remote_id TEXT,
  login TEXT,
  state TEXT NOT NULL DEFAULT 'none' CHECK (state IN ('none', 'notified', 'activated', 'blocked', 'merged')),
  activation_path TEXT,
  email_validated INTEGER NOT NULL DEFAULT 0,
  letter_expires_at TEXT,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

CREATE TABLE letter (
  id TEXT PRIMARY KEY,
  guardian_id TEXT NOT NULL REFERENCES guardian (id),
  batch_id TEXT NOT NULL,
  printed_at TEXT NOT NULL,
  printed_by TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX letter_guardian ON letter (guardian_id);

CREATE TABLE report (
  id TEXT PRIMARY KEY,
  remote_id TEXT,
  guardian_id TEXT REFERENCES guardian (id),
  student_id TEXT REFERENCES student (id),
  comment TEXT,
  source TEXT NOT NULL CHECK (source IN ('service', 'phone', 'counter')),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'rejected')),
  resolution TEXT,
  resolution_note TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);

CREATE TABLE audit (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('import', 'edit', 'sync', 'report')),
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT,
  run_id TEXT
);
CREATE INDEX audit_entity ON audit (entity_id, field);

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  payload TEXT NOT NULL,
  base_version INTEGER,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'duplicate', 'conflict', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  updated_at TEXT
);
CREATE INDEX outbox_state ON outbox (state);

CREATE TABLE import_run (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  file_names TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  layout TEXT NOT NULL,
  mapping TEXT NOT NULL,
  summary TEXT NOT NULL
);

-- Problems found by an import, with the raw value, for later correction.
CREATE TABLE import_problem (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES import_run (id),
  file TEXT NOT NULL,
  row INTEGER NOT NULL,
  field TEXT NOT NULL,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  raw TEXT,
  entity TEXT,
  entity_id TEXT
);
CREATE INDEX import_problem_run ON import_problem (run_id);

-- The column mapping a person chose, remembered per header set.
CREATE TABLE mapping_memory (
  header_key TEXT PRIMARY KEY,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

INSERT INTO school (id, name) VALUES ('school', '');
`;
