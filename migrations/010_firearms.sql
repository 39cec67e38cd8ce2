-- iARMS: illicit arms records and tracing management. Member countries record lost, stolen, trafficked or
-- smuggled firearms against an entry of the Firearms Reference Table (make, model, calibre, type, country of
-- manufacture), which the General Secretariat (hub) maintains. Any member country searches by serial number
-- (normalised: upper case, no spaces or dashes) and optionally make; every search is kept with its result.
-- A trace request asks the country of manufacture and/or of the last legal importer for a firearm's history;
-- each addressed country's NCB answers (found, with the history, or not found).

CREATE TABLE firearm_references (
  id                      integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  make                    text NOT NULL CHECK (length(make) BETWEEN 1 AND 120),
  make_key                text NOT NULL,                    -- upper case, single spaces: what searches compare
  model                   text NOT NULL DEFAULT '',
  calibre                 text NOT NULL DEFAULT '',
  type                    text NOT NULL CHECK (type IN ('pistol', 'revolver', 'rifle', 'shotgun', 'carbine', 'submachine_gun', 'machine_gun', 'other')),
  country_of_manufacture  char(2) CHECK (country_of_manufacture ~ '^[A-Z]{2}$'),   -- ISO 3166-1 alpha-2
  active                  boolean NOT NULL DEFAULT true,    -- withdrawn entries stay for old records
  created_by              integer REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX firearm_references_key ON firearm_references (make_key, lower(model), lower(calibre), type);

-- Generic, fictitious entries so a fresh installation can record and search at once.
INSERT INTO firearm_references (make, make_key, model, calibre, type, country_of_manufacture) VALUES
  ('Example Arms', 'EXAMPLE ARMS', 'EA-9 Compact', '9 mm', 'pistol', 'DE'),
  ('Example Arms', 'EXAMPLE ARMS', 'EA-38', '.38 Special', 'revolver', 'DE'),
  ('Generic Works', 'GENERIC WORKS', 'GW Field', '12 gauge', 'shotgun', 'BR'),
  ('Generic Works', 'GENERIC WORKS', 'GW Hunter', '.308', 'rifle', 'BR'),
  ('Sample Ordnance', 'SAMPLE ORDNANCE', 'SO-22', '.22 LR', 'rifle', 'FR'),
  ('Placeholder Firearms', 'PLACEHOLDER FIREARMS', 'PF Carbine', '5.56 mm', 'carbine', NULL);

CREATE TABLE firearm_records (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference_id         integer NOT NULL REFERENCES firearm_references(id),
  serial               text NOT NULL,                        -- as marked on the firearm
  serial_key           text NOT NULL CHECK (serial_key ~ '^[A-Z0-9./]{1,64}$'),
  status               text NOT NULL CHECK (status IN ('lost', 'stolen', 'trafficked', 'smuggled', 'recovered')),
  reported_status      text NOT NULL CHECK (reported_status IN ('lost', 'stolen', 'trafficked', 'smuggled')),  -- kept after recovery
  event_date           date,                                 -- when it was lost, stolen or seized
  place                text NOT NULL DEFAULT '',
  importer_country     char(2) CHECK (importer_country ~ '^[A-Z]{2}$'),  -- last legal importer, when known
  national_reference   text NOT NULL DEFAULT '',             -- the recording agency's case number
  notes                text NOT NULL DEFAULT '',
  recording_country    char(2) NOT NULL REFERENCES countries(code),
  recording_agency_id  integer NOT NULL REFERENCES agencies(id),
  recovered_at         timestamptz,
  recovery_note        text,
  created_by           integer NOT NULL REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'recovered') = (recovered_at IS NOT NULL))
);
CREATE INDEX firearm_records_serial_idx ON firearm_records (serial_key);
CREATE INDEX firearm_records_country_idx ON firearm_records (recording_country, id);
-- A country records the same wanted firearm once.
CREATE UNIQUE INDEX firearm_records_once ON firearm_records (recording_country, reference_id, serial_key) WHERE status <> 'recovered';

CREATE TABLE firearm_searches (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  serial          text NOT NULL,
  serial_key      text NOT NULL,
  make            text,
  make_key        text,
  hit             boolean NOT NULL,
  hit_record_ids  integer[] NOT NULL DEFAULT '{}',
  country_code    char(2) NOT NULL REFERENCES countries(code),
  agency_id       integer NOT NULL REFERENCES agencies(id),
  searched_by     integer NOT NULL REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX firearm_searches_country_idx ON firearm_searches (country_code, id);

CREATE TABLE firearm_traces (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  search_id             integer NOT NULL REFERENCES firearm_searches(id),
  reference_id          integer REFERENCES firearm_references(id),
  serial                text NOT NULL,
  serial_key            text NOT NULL,
  requesting_country    char(2) NOT NULL REFERENCES countries(code),
  requesting_agency_id  integer NOT NULL REFERENCES agencies(id),
  requested_by          integer NOT NULL REFERENCES users(id),
  note                  text NOT NULL DEFAULT '',
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX firearm_traces_country_idx ON firearm_traces (requesting_country, id);

-- One row per addressed country: why it is asked (manufacture, import or both) and its NCB's answer.
CREATE TABLE firearm_trace_recipients (
  trace_id     integer NOT NULL REFERENCES firearm_traces(id),
  country      char(2) NOT NULL REFERENCES countries(code),
  basis        text[] NOT NULL CHECK (basis <@ ARRAY['manufacture', 'importer']::text[] AND cardinality(basis) > 0),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'found', 'not_found')),
  history      text,
  answered_by  integer REFERENCES users(id),
  answered_at  timestamptz,
  PRIMARY KEY (trace_id, country)
);
CREATE INDEX firearm_trace_recipients_country_idx ON firearm_trace_recipients (country, trace_id);
