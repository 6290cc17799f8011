// Sync with the account service: where it is, how far the feed was read, the version the service
// holds of each record we pushed, the link state already queued for it, and conflicts for staff.

export default /* sql */ `
CREATE TABLE sync_state (
  id TEXT PRIMARY KEY CHECK (id = 'sync'),
  service_url TEXT,
  feed_cursor TEXT,
  last_sync_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT,
  updated_at TEXT
);
INSERT INTO sync_state (id) VALUES ('sync');

-- The service's version of each record it accepted: the baseVersion of the next change.
CREATE TABLE sync_version (
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (entity, entity_id)
);

-- Links already queued for the service (student payloads carry links; the service wants one
-- record per link), so each student upsert queues only what changed.
CREATE TABLE sync_link (
  student_id TEXT NOT NULL,
  guardian_id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (student_id, guardian_id)
);

-- A change the service refused because its record moved on: both values, for staff to choose.
CREATE TABLE sync_conflict (
  id TEXT PRIMARY KEY,
  outbox_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  local_data TEXT NOT NULL,
  server_data TEXT NOT NULL,
  server_version INTEGER NOT NULL,
  server_deleted INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
  resolution TEXT,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT
);
CREATE INDEX sync_conflict_record ON sync_conflict (state, entity, entity_id);

-- A pending change whose content a later change of the same record carried to the service.
ALTER TABLE outbox ADD COLUMN superseded_by TEXT;
`;
