-- Policy layer (issue 14). A notice reaches the General Secretariat when it is submitted (or a diffusion is
-- circulated); other member countries only ever see what was published. Cancelling a notice that never
-- went out must not publish it, so visibility needs to know whether it was ever submitted.
ALTER TABLE notices ADD COLUMN submitted_at timestamptz;
UPDATE notices SET submitted_at = coalesce(reviewed_at, published_at, updated_at)
  WHERE status IN ('submitted', 'published', 'refused') OR reviewed_at IS NOT NULL OR published_at IS NOT NULL;

-- API tokens expire (issue 14, item 8): existing tokens without an end get one year from now.
UPDATE api_tokens SET expires_at = now() + interval '365 days' WHERE expires_at IS NULL AND revoked_at IS NULL;
