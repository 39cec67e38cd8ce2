-- Platform spine: member countries, agencies, users, sessions, tokens, login throttling, audit log.

CREATE TABLE countries (
  code        char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  name        text NOT NULL,
  ncb_name    text NOT NULL,           -- the national central bureau that authorises national users
  is_hub      boolean NOT NULL DEFAULT false,  -- the general secretariat unit
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  country_code  char(2) NOT NULL REFERENCES countries(code),
  name          text NOT NULL,
  kind          text NOT NULL DEFAULT 'police' CHECK (kind IN ('ncb', 'police', 'hub')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (country_code, name)
);

CREATE TABLE users (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email            text NOT NULL,
  display_name     text NOT NULL,
  agency_id        integer NOT NULL REFERENCES agencies(id),
  country_code     char(2) NOT NULL REFERENCES countries(code),
  role             text NOT NULL CHECK (role IN ('investigator', 'analyst', 'ncb_officer', 'dpo', 'admin')),
  password_hash    text NOT NULL,
  totp_secret      text,
  totp_last_step   bigint,
  certified_until  date,
  disabled         boolean NOT NULL DEFAULT false,
  is_demo          boolean NOT NULL DEFAULT false,
  settings         jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_login_at    timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  ip          text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES users(id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);

CREATE TABLE login_attempts (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email    text NOT NULL,
  ip       text NOT NULL,
  success  boolean NOT NULL,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

-- Append-only, hash-chained audit log: row_hash = sha256(prev_hash || canonical content).
CREATE TABLE audit_log (
  seq            bigint PRIMARY KEY,
  at             timestamptz NOT NULL,
  actor_user_id  integer,
  actor_email    text,
  actor_country  char(2),
  action         text NOT NULL,
  object_type    text NOT NULL,
  object_id      text,
  ip             text,
  details        jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash      text NOT NULL,
  row_hash       text NOT NULL
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, seq);

-- The chain head: one row, locked FOR UPDATE by each writer so appends are serialised.
CREATE TABLE audit_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
