-- Places by image comparison (issue 19): local features of every stored image (src/places), the links the
-- place index suggests between two media of one scene with their evidence, investigators' decisions on
-- them, and what a place record gathers (structured clues, a location estimate).

-- Encoded ORB-class features ('ORB1', 37 B per keypoint) and their visual words (u16 each) per image.
CREATE TABLE media_features (
  media_id    integer PRIMARY KEY REFERENCES media(id) ON DELETE CASCADE,
  features    bytea NOT NULL,
  words       bytea NOT NULL,
  keypoints   integer NOT NULL,
  vocabulary  integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A suggested "same scene" link: media_id (the newer, e.g. a seizure item's media) shares a verified scene
-- with linked_media_id. Evidence: inliers, the homography and the inlier pairs (work-frame coordinates).
-- Pairs are stored low id first in (a, b) for the uniqueness rule; rejected pairs are never suggested again.
CREATE TABLE place_links (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  media_id         integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  linked_media_id  integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  media_a          integer GENERATED ALWAYS AS (least(media_id, linked_media_id)) STORED,
  media_b          integer GENERATED ALWAYS AS (greatest(media_id, linked_media_id)) STORED,
  seizure_item_id  integer REFERENCES seizure_items(id) ON DELETE SET NULL,
  inliers          integer NOT NULL,
  evidence         jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'suggested' CHECK (status IN ('suggested', 'confirmed', 'rejected')),
  decided_by       integer REFERENCES users(id),
  decided_at       timestamptz,
  reason           text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (media_id <> linked_media_id),
  UNIQUE (media_a, media_b)
);
CREATE INDEX place_links_media_idx ON place_links (media_id);
CREATE INDEX place_links_linked_idx ON place_links (linked_media_id);

-- What investigators add to a place: clue categories and a location estimate.
ALTER TABLE places ADD COLUMN clue_items jsonb NOT NULL DEFAULT '[]';
ALTER TABLE places ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE places ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180);
ALTER TABLE places ADD COLUMN location_confidence real CHECK (location_confidence BETWEEN 0 AND 1);
ALTER TABLE places ADD COLUMN location_note text NOT NULL DEFAULT '';

-- A new item's same-scene link is reported with stage 'place'.
ALTER TABLE seizure_items DROP CONSTRAINT seizure_items_match_stage_check;
ALTER TABLE seizure_items ADD CONSTRAINT seizure_items_match_stage_check
  CHECK (match_stage IN ('sha256', 'md5', 'sha1', 'pdq', 'vpdq', 'pdq-trimmed', 'region', 'place'));
