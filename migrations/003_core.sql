-- ICSE core data model. Case-data tables carry owner_country, owner_agency_id, distribution, shared_with
-- (see src/access/visibility.ts). Media rows are content-addressed: one row per SHA-256 worldwide, owned by
-- the first contributor; later submissions of the same bytes point at it from their seizure items.

CREATE TABLE series (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number           text NOT NULL UNIQUE,            -- ICSE series number, e.g. S-2026-000042
  name             text NOT NULL,
  description      text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  case_id          integer REFERENCES cases(id),    -- the investigation working the series, if any
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  baseline         boolean NOT NULL DEFAULT false,  -- worst material, shareable with partners as a baseline list
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE SEQUENCE series_number_seq;

CREATE TABLE media (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256           text NOT NULL UNIQUE,
  md5              text,
  sha1             text,
  size_bytes       bigint,
  media_type       text NOT NULL DEFAULT 'image' CHECK (media_type IN ('image', 'video')),
  format           text,
  width            integer,
  height           integer,
  pdq              text,                  -- 64 hex, EXIF orientation applied
  pdq_quality      integer,
  pdq_dihedral     text[],                -- 8 variants: original, rotate90, rotate180, rotate270, flipx, flipy, flipPlus1, flipMinus1
  exif             jsonb NOT NULL DEFAULT '{}'::jsonb,
  camera_make      text,
  camera_model     text,
  camera_serial    text,
  captured_at      timestamptz,
  gps_lat          double precision,
  gps_lon          double precision,
  duration_s       double precision,      -- videos
  stored           boolean NOT NULL DEFAULT false,  -- encrypted bytes held in the media store
  thumb_stored     boolean NOT NULL DEFAULT false,
  hash_only        boolean NOT NULL DEFAULT false,  -- contributed as hashes only
  series_id        integer REFERENCES series(id),
  category         smallint CHECK (category BETWEEN 0 AND 4),  -- consensus of analysts' votes (VICS US scheme)
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_md5_idx ON media (md5);
CREATE INDEX media_sha1_idx ON media (sha1);
CREATE INDEX media_pdq_idx ON media (pdq);
CREATE INDEX media_series_idx ON media (series_id);
CREATE INDEX media_camera_idx ON media (camera_make, camera_model, camera_serial);
CREATE INDEX media_captured_idx ON media (captured_at);

-- Video frames (vPDQ): one row per kept frame.
CREATE TABLE media_frames (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  media_id     integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  frame        integer NOT NULL,
  quality      integer NOT NULL,
  pdq          text NOT NULL,
  timestamp_s  double precision NOT NULL,
  UNIQUE (media_id, frame)
);

CREATE TABLE seizures (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id          integer NOT NULL REFERENCES cases(id),
  label            text NOT NULL,
  status           text NOT NULL DEFAULT 'receiving' CHECK (status IN ('receiving', 'processing', 'complete')),
  hash_only        boolean NOT NULL DEFAULT false,
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'country' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  created_by       integer NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  completed_at     timestamptz
);
CREATE INDEX seizures_case_idx ON seizures (case_id);

-- One row per file (or hash line) of a seizure. The (seizure, path, sha256) key makes re-sending a no-op.
CREATE TABLE seizure_items (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seizure_id     integer NOT NULL REFERENCES seizures(id) ON DELETE CASCADE,
  path           text NOT NULL,                -- file name, or path inside an archive
  sha256         text,                         -- null until known (hash-only lines may carry only md5/pdq)
  md5            text,
  sha1           text,
  pdq            text,
  size_bytes     bigint,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'error')),
  error_reason   text,                         -- machine code: empty, truncated, not_image, too_large, zip_bomb, path_traversal, duplicate, …
  error_message  text,                         -- a sentence for the investigator
  media_id       integer REFERENCES media(id),
  result         text CHECK (result IN ('known_exact', 'known_near', 'new')),
  match          jsonb,                        -- best match: {mediaId, distance, stage, variant, …}
  attempts       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  processed_at   timestamptz
);
CREATE UNIQUE INDEX seizure_items_key ON seizure_items (seizure_id, path, coalesce(sha256, ''));
CREATE INDEX seizure_items_status_idx ON seizure_items (seizure_id, status);
CREATE INDEX seizure_items_media_idx ON seizure_items (media_id);

CREATE TABLE victims (
  id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id              integer NOT NULL REFERENCES series(id),
  label                  text NOT NULL,
  identified             boolean NOT NULL DEFAULT false,
  identified_by_country  char(2) REFERENCES countries(code),
  identified_at          date,
  rescued                boolean NOT NULL DEFAULT false,
  rescued_at             date,
  notes                  text NOT NULL DEFAULT '',
  owner_country          char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id        integer NOT NULL REFERENCES agencies(id),
  distribution           text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with            text[] NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX victims_series_idx ON victims (series_id);

CREATE TABLE offenders (
  id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id              integer NOT NULL REFERENCES series(id),
  label                  text NOT NULL,
  identified             boolean NOT NULL DEFAULT false,
  identified_by_country  char(2) REFERENCES countries(code),
  identified_at          date,
  notes                  text NOT NULL DEFAULT '',
  owner_country          char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id        integer NOT NULL REFERENCES agencies(id),
  distribution           text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with            text[] NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offenders_series_idx ON offenders (series_id);

CREATE TABLE places (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id        integer NOT NULL REFERENCES series(id),
  description      text NOT NULL,                -- scene description
  clues            text NOT NULL DEFAULT '',     -- objects, text, products, sockets… that may locate the scene
  country_guess    char(2),
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX places_series_idx ON places (series_id);

CREATE TABLE media_links (
  media_id     integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  entity_type  text NOT NULL CHECK (entity_type IN ('victim', 'offender', 'place')),
  entity_id    integer NOT NULL,
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (media_id, entity_type, entity_id)
);
CREATE INDEX media_links_entity_idx ON media_links (entity_type, entity_id);

-- Categorisation votes (VICS US: 0 non-pertinent, 1 CAM, 2 exploitive/age-difficult, 3 CGI, 4 comparison).
CREATE TABLE category_votes (
  media_id    integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  user_id     integer NOT NULL REFERENCES users(id),
  category    smallint NOT NULL CHECK (category BETWEEN 0 AND 4),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (media_id, user_id)
);

-- Comments on media, series and victims: visible to whoever may see the target.
CREATE TABLE comments (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_type  text NOT NULL CHECK (target_type IN ('media', 'series', 'victim')),
  target_id    integer NOT NULL,
  author_id    integer NOT NULL REFERENCES users(id),
  author_country char(2) NOT NULL,
  body         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_target_idx ON comments (target_type, target_id, id);

-- Consultation threads on a case between named countries.
CREATE TABLE consultations (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES cases(id),
  subject     text NOT NULL,
  countries   text[] NOT NULL,      -- participants, including the case owner's country
  created_by  integer NOT NULL REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE consultation_messages (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  consultation_id  integer NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  author_id        integer NOT NULL REFERENCES users(id),
  author_country   char(2) NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Notification inbox: addressed to a user, to an agency, or to a country (its NCB and users).
CREATE TABLE notifications (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recipient_user_id    integer REFERENCES users(id),
  recipient_agency_id  integer REFERENCES agencies(id),
  recipient_country    char(2),
  kind                 text NOT NULL,     -- deconfliction, comment, consultation, victim_identified, …
  title                text NOT NULL,
  body                 text NOT NULL DEFAULT '',
  link                 text,              -- UI path, e.g. /series/12
  data                 jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (recipient_user_id IS NOT NULL OR recipient_agency_id IS NOT NULL OR recipient_country IS NOT NULL)
);
CREATE INDEX notifications_user_idx ON notifications (recipient_user_id, id);
CREATE INDEX notifications_agency_idx ON notifications (recipient_agency_id, id);
CREATE TABLE notification_reads (
  notification_id  integer NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  user_id          integer NOT NULL REFERENCES users(id),
  read_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, user_id)
);

-- Deconfliction: an upload of one agency matched a series another agency works.
CREATE TABLE deconfliction_alerts (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  series_id             integer NOT NULL REFERENCES series(id),
  seizure_id            integer NOT NULL REFERENCES seizures(id),
  uploader_agency_id    integer NOT NULL REFERENCES agencies(id),
  uploader_country      char(2) NOT NULL,
  owner_agency_id       integer NOT NULL REFERENCES agencies(id),
  owner_country         char(2) NOT NULL,
  matched_items         integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series_id, seizure_id)
);
