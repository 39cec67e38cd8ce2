-- Ingest and triage: which seizure first contributed a medium (so a seizure's own material is not "known"
-- to itself), per-item notes (duplicates inside a seizure), and the lookup indexes matching needs.
ALTER TABLE media ADD COLUMN first_seizure_id integer REFERENCES seizures(id);
ALTER TABLE media ADD COLUMN first_item_id integer;
CREATE INDEX media_first_seizure_idx ON media (first_seizure_id);

ALTER TABLE seizure_items ADD COLUMN note text;               -- e.g. "same file as item 12 (a.jpg) in this seizure"
ALTER TABLE seizure_items ADD COLUMN kind text NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'hash'));
ALTER TABLE seizure_items ADD COLUMN claimed_at timestamptz;  -- when processing began (stale claims are re-queued)
CREATE INDEX seizure_items_pending_idx ON seizure_items (status) WHERE status IN ('pending', 'processing');
CREATE INDEX seizure_items_sha256_idx ON seizure_items (sha256);

ALTER TABLE seizures ADD COLUMN description text NOT NULL DEFAULT '';
ALTER TABLE seizures ADD COLUMN processing_started_at timestamptz;
