// Corrections: guardian merges (kept so a wrong merge can be split back), dismissed anomalies,
// and the fields a "ce n'est pas mon enfant" resolution needs.

export default /* sql */ `
-- One row per merge of two guardian records. Everything needed to split it back is kept as JSON:
-- the merged record as it was, the kept record's fields before and after, and each link, letter,
-- report and account row the merge moved or dropped.
CREATE TABLE guardian_merge (
  id TEXT PRIMARY KEY,
  keep_id TEXT NOT NULL,
  merged_id TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  keep_before TEXT NOT NULL,
  keep_after TEXT NOT NULL,
  merged_row TEXT NOT NULL,
  moved TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'merged' CHECK (state IN ('merged', 'split')),
  split_at TEXT,
  split_by TEXT
);
CREATE INDEX guardian_merge_keep ON guardian_merge (keep_id);
CREATE INDEX guardian_merge_merged ON guardian_merge (merged_id);

-- An anomaly a person looked at and declared fine (e.g. two different people with the same name).
CREATE TABLE anomaly_dismissal (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT
);

-- Link creations and deletions are found by guardian or student through this index.
CREATE INDEX audit_entity_kind ON audit (entity, field);

ALTER TABLE report ADD COLUMN recorded_by TEXT;
ALTER TABLE report ADD COLUMN moved_to_guardian_id TEXT;
CREATE INDEX report_state ON report (state, created_at);
`;
