-- Issue 20: a consultation message may cite media its author may see (each reader is shown only the ones they may see).
ALTER TABLE consultation_messages ADD COLUMN media_ids integer[] NOT NULL DEFAULT '{}';
