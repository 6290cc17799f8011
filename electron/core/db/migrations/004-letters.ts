// Notification letters: the editable template and the letterhead (one row), and what each logged
// letter was (credentials or reminder, re-issue, batch title). Never a temporary password.

export default /* sql */ `
CREATE TABLE letter_settings (
  id TEXT PRIMARY KEY CHECK (id = 'letters'),
  -- JSON LetterTemplate; null: the French default.
  template TEXT,
  signatory TEXT,
  phone TEXT,
  address TEXT,
  city TEXT,
  -- The page the QR code points to; null: derived from the service address.
  activation_url TEXT,
  updated_at TEXT
);
INSERT INTO letter_settings (id) VALUES ('letters');

ALTER TABLE letter ADD COLUMN kind TEXT NOT NULL DEFAULT 'credentials';
ALTER TABLE letter ADD COLUMN reissued INTEGER NOT NULL DEFAULT 0;
ALTER TABLE letter ADD COLUMN batch_title TEXT;
CREATE INDEX letter_batch ON letter (batch_id);
`;
