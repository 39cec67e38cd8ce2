-- Partial copies (issue 19, item 7): a known picture found as a region of an upload by local features
-- (src/seizures/near.ts partialCopyCandidates) is known-near with match stage 'partial'.
ALTER TABLE seizure_items DROP CONSTRAINT seizure_items_match_stage_check;
ALTER TABLE seizure_items ADD CONSTRAINT seizure_items_match_stage_check
  CHECK (match_stage IN ('sha256', 'md5', 'sha1', 'pdq', 'vpdq', 'pdq-trimmed', 'region', 'place', 'partial'));
