-- Audit without a global lock, chained with a key outside the database (issue 14 item 3, issue 18 item 4).
-- Writers only INSERT into audit_log (seq from a sequence) and audit_pending; a background sealer takes the
-- pending rows in seq order, links them in an HMAC-SHA-256 chain (key: ICSE_AUDIT_KEY or the data dir's
-- audit.key, never stored here) and records each link in audit_seal. audit_head holds the last link
-- (seq = chain position, hash = its MAC). The old unkeyed prev_hash/row_hash columns stay for old rows.
CREATE SEQUENCE audit_log_seq_gen;
SELECT setval('audit_log_seq_gen', COALESCE((SELECT max(seq) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN seq SET DEFAULT nextval('audit_log_seq_gen');
ALTER TABLE audit_log ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN row_hash DROP NOT NULL;

-- Rows written but not yet chained (the sealer deletes them in the transaction that seals them).
CREATE TABLE audit_pending (seq bigint PRIMARY KEY);
INSERT INTO audit_pending (seq) SELECT seq FROM audit_log;

-- One row per chain position: mac = HMAC(key, previous mac, position, the row's canonical content).
CREATE TABLE audit_seal (
  pos        bigint PRIMARY KEY,
  seq        bigint NOT NULL UNIQUE,
  mac        text NOT NULL,
  sealed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_seal_no_update BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The chain restarts keyed: position 0, genesis MAC.
UPDATE audit_head SET seq = 0, hash = repeat('0', 64) WHERE id = 1;
