-- Notices and diffusions. A national central bureau asks for a yellow notice (a missing person, often a
-- victim not yet located) or a green notice (a warning on a likely repeat offender); the General Secretariat
-- (hub) reviews it for compliance before it is published to every member country. A diffusion goes from an
-- NCB straight to the NCBs it names, without review. entity_id (YYYY/NNNN) is given at publication.
CREATE TABLE notices (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind                  text NOT NULL CHECK (kind IN ('yellow', 'green')),
  channel               text NOT NULL DEFAULT 'notice' CHECK (channel IN ('notice', 'diffusion')),
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published', 'refused', 'cancelled')),
  entity_id             text UNIQUE,
  requesting_country    char(2) NOT NULL REFERENCES countries(code),
  requesting_agency_id  integer NOT NULL REFERENCES agencies(id),
  recipients            text[] NOT NULL DEFAULT '{}',        -- diffusions: the NCBs it goes to
  subject               jsonb NOT NULL,                      -- identity particulars (public API field names)
  summary               text NOT NULL DEFAULT '',           -- facts of the case / reason for the warning
  victim_id             integer REFERENCES victims(id),
  offender_id           integer REFERENCES offenders(id),
  public_extract        boolean NOT NULL DEFAULT false,     -- requested public extract
  requester_consent     boolean NOT NULL DEFAULT false,     -- the requesting NCB consents to publication
  review_note           text,
  reviewed_by           integer REFERENCES users(id),
  reviewed_at           timestamptz,
  published_at          timestamptz,
  cancel_reason         text,
  created_by            integer NOT NULL REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_status_idx ON notices (status, id);
CREATE INDEX notices_country_idx ON notices (requesting_country, id);

-- Publication numbers per year, allocated under a row lock so two publications never share one.
CREATE TABLE notice_numbers (
  year  integer PRIMARY KEY,
  last  integer NOT NULL
);
