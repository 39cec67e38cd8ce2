-- HMA bank content fields (OpenMediaMatch 1.1.7, docs/hma.md): disable_until_ts (0 disabled, 1 enabled,
-- any other value: disabled until that Unix time), a note of at most 255 characters, and the user metadata
-- given when the content was added (content_id, content_uri, json). `enabled` is kept equal to
-- (disable_until_ts = 1) for older readers; matching reads disable_until_ts.
ALTER TABLE hash_bank_entries ADD COLUMN disable_until_ts bigint NOT NULL DEFAULT 1 CHECK (disable_until_ts >= 0);
ALTER TABLE hash_bank_entries ADD COLUMN note text CHECK (char_length(note) <= 255);
ALTER TABLE hash_bank_entries ADD COLUMN user_metadata jsonb;
UPDATE hash_bank_entries SET disable_until_ts = CASE WHEN enabled THEN 1 ELSE 0 END;
