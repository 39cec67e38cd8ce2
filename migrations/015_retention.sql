-- Retention of case data (police data-protection rules): a case is kept until its retention date, at most
-- 99 years after it was opened unless the owner sets a shorter period; its review falls due 6 months before.
-- Every review (a new date and why) is kept.
ALTER TABLE cases ADD COLUMN retention_until date;
UPDATE cases SET retention_until = (created_at + interval '99 years')::date;
ALTER TABLE cases ALTER COLUMN retention_until SET NOT NULL;
ALTER TABLE cases ALTER COLUMN retention_until SET DEFAULT ((now() + interval '99 years')::date);
CREATE INDEX cases_retention_idx ON cases (retention_until, id);

CREATE TABLE retention_reviews (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id           integer NOT NULL REFERENCES cases(id),
  reviewer_id       integer NOT NULL REFERENCES users(id),
  reviewer_country  char(2) NOT NULL REFERENCES countries(code),
  previous_until    date NOT NULL,
  new_until         date NOT NULL,
  justification     text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retention_reviews_case_idx ON retention_reviews (case_id, id);
