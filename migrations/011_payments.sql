-- I-GRIP (global rapid intervention of payments): the police of the victim's country ask the countries whose
-- banks received fraudulently sent money (sextortion, fraud proceeds) to stop it. Investigators draft the
-- request, their NCB sends it; from then on the clock runs (response_due_at = sent_at + response_hours). The
-- NCB of each receiving country answers per transfer: held (amount), already withdrawn, not found, refused.
-- Money is kept as integer minor units of the transfer's ISO 4217 currency.
CREATE TABLE payment_requests (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status                text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'closed')),
  requesting_country    char(2) NOT NULL REFERENCES countries(code),
  requesting_agency_id  integer NOT NULL REFERENCES agencies(id),
  offence               text NOT NULL CHECK (offence IN ('sextortion', 'online_fraud', 'business_email_compromise', 'investment_fraud', 'romance_scam', 'other')),
  national_reference    text NOT NULL DEFAULT '',      -- the requesting country's case file number
  summary               text NOT NULL DEFAULT '',      -- facts, for the receiving NCBs and banks
  case_id               integer REFERENCES cases(id),
  response_hours        integer NOT NULL DEFAULT 24 CHECK (response_hours BETWEEN 1 AND 720),
  sent_at               timestamptz,
  sent_by               integer REFERENCES users(id),
  response_due_at       timestamptz,
  closed_at             timestamptz,
  closed_by             integer REFERENCES users(id),
  closure_note          text,
  created_by            integer NOT NULL REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'sent' OR (sent_at IS NOT NULL AND response_due_at IS NOT NULL)),
  CHECK (status <> 'closed' OR closed_at IS NOT NULL)
);
CREATE INDEX payment_requests_country_idx ON payment_requests (requesting_country, id);
CREATE INDEX payment_requests_due_idx ON payment_requests (response_due_at) WHERE status = 'sent';

CREATE TABLE payment_transfers (
  id                     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id             integer NOT NULL REFERENCES payment_requests(id),
  amount_minor           bigint NOT NULL CHECK (amount_minor > 0),
  currency               char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  transferred_at         timestamptz NOT NULL,
  sending_bank           text NOT NULL,
  sending_account        text NOT NULL DEFAULT '',
  transaction_reference  text NOT NULL DEFAULT '',
  beneficiary_name       text NOT NULL,
  beneficiary_bank       text NOT NULL,
  beneficiary_bic        text CHECK (beneficiary_bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
  beneficiary_account    text NOT NULL,                -- IBAN without spaces, or the bank's account number
  account_is_iban        boolean NOT NULL DEFAULT false,
  receiving_country      char(2) NOT NULL REFERENCES countries(code),
  outcome                text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'held', 'withdrawn', 'not_found', 'refused')),
  held_minor             bigint NOT NULL DEFAULT 0 CHECK (held_minor >= 0 AND held_minor <= amount_minor),
  refusal_reason         text,
  answer_note            text,
  answered_by            integer REFERENCES users(id),
  answered_at            timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'held') = (held_minor > 0)),
  CHECK (outcome <> 'refused' OR refusal_reason IS NOT NULL),
  CHECK ((outcome = 'pending') = (answered_at IS NULL))
);
CREATE INDEX payment_transfers_request_idx ON payment_transfers (request_id, id);
CREATE INDEX payment_transfers_country_idx ON payment_transfers (receiving_country, request_id);
