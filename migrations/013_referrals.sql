-- Referral packages from bulk provider reports. An online service provider (or a clearing house) sends the
-- General Secretariat (hub) a report of CSE incidents: provider incident id, time, the country the provider
-- geolocated, offender account/username, IP address and the hashes of the files reported (no media bytes).
-- The hub uploads it once per (provider, reference); the system splits it into one package per member
-- country and enriches each file with what ICSE knows (known_exact / known_near / new, a snapshot taken at
-- upload). Incidents without a member country wait in the unassigned queue (package_id NULL) until the hub
-- assigns them. Each country's NCB acknowledges its package and marks incidents actioned.
CREATE TABLE referral_reports (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider            text NOT NULL,
  reference           text NOT NULL,
  format              text NOT NULL CHECK (format IN ('json', 'csv')),
  digest              text NOT NULL,                       -- SHA-256 of the uploaded content (re-sends are compared)
  rows_total          integer NOT NULL,
  incidents_accepted  integer NOT NULL,
  rows_rejected       integer NOT NULL,
  rejections          jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{row, incidentId, reason, message}] (capped)
  uploaded_by         integer NOT NULL REFERENCES users(id),
  uploaded_at         timestamptz NOT NULL DEFAULT now()
);
-- The same report sent twice is one report.
CREATE UNIQUE INDEX referral_reports_key ON referral_reports (lower(provider), reference);

CREATE TABLE referral_packages (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id        integer NOT NULL REFERENCES referral_reports(id),
  country          char(2) NOT NULL REFERENCES countries(code),
  status           text NOT NULL DEFAULT 'delivered' CHECK (status IN ('delivered', 'acknowledged')),
  acknowledged_by  integer REFERENCES users(id),
  acknowledged_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (report_id, country)
);
CREATE INDEX referral_packages_country_idx ON referral_packages (country, id);

CREATE TABLE referral_incidents (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id             integer NOT NULL REFERENCES referral_reports(id),
  package_id            integer REFERENCES referral_packages(id),   -- NULL: in the hub's unassigned queue
  provider_key          text NOT NULL,                              -- lower(provider): incident ids are the provider's
  provider_incident_id  text NOT NULL,
  incident_at           timestamptz,
  provider_country      text,                                       -- as the provider sent it
  country               char(2) REFERENCES countries(code),         -- the member country it was referred to
  unassigned_reason     text,
  offender_account      text,
  offender_username     text,
  ip_address            text,
  priority              smallint NOT NULL CHECK (priority BETWEEN 0 AND 2),  -- 0 new material, 1 known-near only, 2 known-exact only
  files_total           integer NOT NULL,
  files_new             integer NOT NULL,
  files_near            integer NOT NULL,
  files_exact           integer NOT NULL,
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actioned')),
  outcome               text CHECK (outcome IN ('case_opened', 'added_to_case', 'referred', 'no_further_action')),
  case_reference        text,
  action_note           text,
  actioned_by           integer REFERENCES users(id),
  actioned_at           timestamptz,
  assigned_by           integer REFERENCES users(id),
  assigned_at           timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (package_id IS NULL OR country IS NOT NULL)
);
-- A provider's incident is referred once, whatever report carries it again.
CREATE UNIQUE INDEX referral_incidents_provider_key ON referral_incidents (provider_key, provider_incident_id);
CREATE INDEX referral_incidents_package_idx ON referral_incidents (package_id, priority, id);
CREATE INDEX referral_incidents_unassigned_idx ON referral_incidents (priority, id) WHERE package_id IS NULL;
CREATE INDEX referral_incidents_report_idx ON referral_incidents (report_id);

CREATE TABLE referral_files (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id  integer NOT NULL REFERENCES referral_incidents(id),
  name         text,
  md5          text,
  sha1         text,
  sha256       text,
  pdq          text,
  result       text NOT NULL CHECK (result IN ('known_exact', 'known_near', 'new')),
  media_id     integer REFERENCES media(id) ON DELETE SET NULL,  -- the known medium matched
  distance     integer,
  stage        text,                                           -- sha256 / md5 / sha1 / pdq
  match        jsonb,                                          -- evidence, as seizure items store it
  CHECK (md5 IS NOT NULL OR sha1 IS NOT NULL OR sha256 IS NOT NULL OR pdq IS NOT NULL)
);
CREATE INDEX referral_files_incident_idx ON referral_files (incident_id, id);
