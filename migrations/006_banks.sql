-- Interchange: named hash banks (lists received from hotlines, industry, other databases), kept apart from
-- contributed material (`media`), the record of every VICS / hash-list import, and the VICS claims that
-- travel with imported media (series name, identified flags) so a re-export says what was received.

CREATE TABLE hash_banks (
  id                      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                    text NOT NULL UNIQUE CHECK (name ~ '^[A-Z0-9_]{1,100}$'),  -- HMA bank name
  description             text NOT NULL DEFAULT '',
  source                  text NOT NULL DEFAULT '',       -- who supplied the list, e.g. a hotline
  matching_enabled_ratio  real NOT NULL DEFAULT 1 CHECK (matching_enabled_ratio BETWEEN 0 AND 1),
  owner_country           char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id         integer NOT NULL REFERENCES agencies(id),
  distribution            text NOT NULL DEFAULT 'all' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with             text[] NOT NULL DEFAULT '{}',
  created_by              integer REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hash_bank_entries (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bank_id      integer NOT NULL REFERENCES hash_banks(id) ON DELETE CASCADE,
  md5          text,
  sha1         text,
  sha256       text,
  pdq          text,
  pdq_quality  integer,
  label        text NOT NULL DEFAULT '',     -- the list's own id for the entry (Image ID, content id)
  metadata     jsonb NOT NULL DEFAULT '{}'::jsonb,
  enabled      boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (md5 IS NOT NULL OR sha1 IS NOT NULL OR sha256 IS NOT NULL OR pdq IS NOT NULL)
);
-- Re-importing the same list is a no-op.
CREATE UNIQUE INDEX hash_bank_entries_key ON hash_bank_entries (bank_id, coalesce(md5, ''), coalesce(sha1, ''), coalesce(sha256, ''), coalesce(pdq, ''));
CREATE INDEX hash_bank_entries_md5_idx ON hash_bank_entries (md5) WHERE md5 IS NOT NULL;
CREATE INDEX hash_bank_entries_sha1_idx ON hash_bank_entries (sha1) WHERE sha1 IS NOT NULL;
CREATE INDEX hash_bank_entries_sha256_idx ON hash_bank_entries (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX hash_bank_entries_pdq_idx ON hash_bank_entries (id) WHERE pdq IS NOT NULL;

-- Bumped on every bank change, so each process's in-memory PDQ index knows when to catch up.
CREATE TABLE hash_bank_state (
  id              integer PRIMARY KEY CHECK (id = 1),
  version         bigint NOT NULL DEFAULT 0,
  rebuild_version bigint NOT NULL DEFAULT 0      -- bumped when entries are removed (full rebuild needed)
);
INSERT INTO hash_bank_state (id) VALUES (1);

CREATE TABLE interchange_imports (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('vics', 'hashes')),
  file_name        text NOT NULL,
  file_sha256      text NOT NULL,
  case_id          integer REFERENCES cases(id),
  seizure_id       integer REFERENCES seizures(id),
  bank_id          integer REFERENCES hash_banks(id) ON DELETE CASCADE,
  imported         integer NOT NULL DEFAULT 0,
  rejected         integer NOT NULL DEFAULT 0,
  report           jsonb NOT NULL DEFAULT '{}'::jsonb,
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'agency' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interchange_imports_case_idx ON interchange_imports (case_id, file_sha256);

-- What a VICS file said about a medium, per importing case (a claim, not the database's own knowledge).
CREATE TABLE vics_media_claims (
  media_id             integer NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  case_id              integer NOT NULL REFERENCES cases(id),
  import_id            integer NOT NULL REFERENCES interchange_imports(id) ON DELETE CASCADE,
  category             smallint,
  series_name          text,
  victim_identified    boolean,
  offender_identified  boolean,
  is_distributed       boolean,
  tags                 text,
  comments             text,
  mime_type            text,
  PRIMARY KEY (media_id, case_id)
);
