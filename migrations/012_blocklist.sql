-- The "worst of" domain block list (IWOL). A member country's investigator or analyst proposes a domain
-- (host name only, normalised to lower-case punycode) and attests the criteria: real children apparently
-- under 13, severe abuse. The entry becomes active only when an agency of ANOTHER country confirms the same
-- criteria; active entries are re-verified periodically (review_due) and removed, with a reason, when the
-- content is gone. Removed entries are kept as history; a domain listed again is a new entry with new
-- verifications. NCB officers and the hub distribute the active list to access providers.
CREATE TABLE blocklist_entries (
  id                  integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain              text NOT NULL CHECK (domain ~ '^[a-z0-9.-]{4,253}$'),
  status              text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'removed')),
  proposer_country    char(2) NOT NULL REFERENCES countries(code),
  proposer_agency_id  integer NOT NULL REFERENCES agencies(id),
  proposed_by         integer NOT NULL REFERENCES users(id),
  note                text NOT NULL DEFAULT '',
  activated_at        timestamptz,
  review_due          date,
  last_verified_at    timestamptz,
  removed_at          timestamptz,
  removed_by          integer REFERENCES users(id),
  removal_reason      text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'active' OR (activated_at IS NOT NULL AND review_due IS NOT NULL)),
  CHECK (status <> 'removed' OR (removed_at IS NOT NULL AND removal_reason IS NOT NULL))
);
-- One live (pending or active) entry per domain; removed ones stay beside it as history.
CREATE UNIQUE INDEX blocklist_live_domain_idx ON blocklist_entries (domain) WHERE status <> 'removed';
CREATE INDEX blocklist_domain_idx ON blocklist_entries (domain, id);
CREATE INDEX blocklist_review_idx ON blocklist_entries (review_due) WHERE status = 'active';

-- Each attestation: the proposal, confirmations by other agencies, and periodic re-verifications (review).
CREATE TABLE blocklist_verifications (
  id                 integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entry_id           integer NOT NULL REFERENCES blocklist_entries(id),
  kind               text NOT NULL CHECK (kind IN ('proposal', 'confirmation', 'review')),
  user_id            integer NOT NULL REFERENCES users(id),
  country_code       char(2) NOT NULL REFERENCES countries(code),
  agency_id          integer NOT NULL REFERENCES agencies(id),
  children_under_13  boolean NOT NULL,
  severe_abuse       boolean NOT NULL,
  note               text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (children_under_13 AND severe_abuse)
);
-- An agency proposes or confirms an entry once; re-verifications may repeat.
CREATE UNIQUE INDEX blocklist_verif_agency_idx ON blocklist_verifications (entry_id, agency_id) WHERE kind IN ('proposal', 'confirmation');
CREATE INDEX blocklist_verif_entry_idx ON blocklist_verifications (entry_id, id);
