-- Crop/border-resistant second matching stage (src/robust, docs/near-duplicates.md): per image, the
-- border found (if any) and the PDQ of each centre-crop pyramid level, of the full image ('f') and of the
-- border-trimmed content ('t'). The match service rebuilds its RobustIndex from these rows at start.
CREATE TABLE media_robust (
  media_id     integer PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
  version      smallint NOT NULL DEFAULT 1,         -- signature scheme (ratio 0.9, 7 levels)
  ratio        real NOT NULL DEFAULT 0.9,
  trim_left    integer, trim_top integer, trim_right integer, trim_bottom integer,  -- NULL: no border found
  computed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE media_robust_regions (
  media_id  integer  NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  base      char(1)  NOT NULL CHECK (base IN ('f', 't')),    -- f: full image, t: border-trimmed content
  level     smallint NOT NULL CHECK (level BETWEEN 0 AND 15), -- centre crop at ratio^level
  pdq       bytea    NOT NULL CHECK (octet_length(pdq) = 32),
  quality   smallint NOT NULL,
  PRIMARY KEY (media_id, base, level)
);

-- Triage evidence: which stage matched and why (the agreeing level pairs stay in seizure_items.match).
ALTER TABLE seizure_items ADD COLUMN match_stage text
  CHECK (match_stage IN ('sha256', 'md5', 'sha1', 'pdq', 'vpdq', 'pdq-trimmed', 'region'));
ALTER TABLE seizure_items ADD COLUMN match_rule text;          -- robust stage: votes, many-votes, pdq-trimmed, strong-single
ALTER TABLE seizure_items ADD COLUMN match_votes smallint;     -- pyramid levels that agree
ALTER TABLE seizure_items ADD COLUMN match_min_distance smallint;
CREATE INDEX seizure_items_match_stage_idx ON seizure_items (seizure_id, match_stage) WHERE match_stage IS NOT NULL;
