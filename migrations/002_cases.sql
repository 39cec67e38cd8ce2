-- Cases: the first record of case data. Every case-data table carries owner_country, owner_agency_id,
-- distribution and shared_with, read by the one visibility rule in src/access/visibility.ts.
CREATE TABLE cases (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference        text NOT NULL,
  title            text NOT NULL,
  description      text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  owner_country    char(2) NOT NULL REFERENCES countries(code),
  owner_agency_id  integer NOT NULL REFERENCES agencies(id),
  distribution     text NOT NULL DEFAULT 'country' CHECK (distribution IN ('agency', 'country', 'countries', 'all')),
  shared_with      text[] NOT NULL DEFAULT '{}',
  created_by       integer NOT NULL REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_agency_id, reference)
);
CREATE INDEX cases_owner_idx ON cases (owner_country, owner_agency_id);
