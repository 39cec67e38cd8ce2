-- VICS round trip (issue 16): what an import gave is kept and written back by the export.
-- Per medium and case (vics_media_claims): MediaID as given, PhotoDNA (opaque: stored and exported, never
-- computed), other alternative hashes, MediaFiles with their times and flags (NULL: the entry had no
-- MediaFiles array, none is made up), RelativeFilePath as given (relative stays relative), IsPrecategorized,
-- IsSuspected, DateUpdated.
ALTER TABLE vics_media_claims ADD COLUMN vics_media_id bigint;
ALTER TABLE vics_media_claims ADD COLUMN photo_dna text;
ALTER TABLE vics_media_claims ADD COLUMN alternative_hashes jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE vics_media_claims ADD COLUMN media_files jsonb;
ALTER TABLE vics_media_claims ADD COLUMN relative_file_path text;
ALTER TABLE vics_media_claims ADD COLUMN is_precategorized boolean;
ALTER TABLE vics_media_claims ADD COLUMN is_suspected boolean;
ALTER TABLE vics_media_claims ADD COLUMN date_updated text;

-- Per case: the VICS case header as the last import into that case gave it.
CREATE TABLE vics_case_claims (
  case_id                    integer PRIMARY KEY REFERENCES cases(id),
  import_id                  integer NOT NULL REFERENCES interchange_imports(id) ON DELETE CASCADE,
  vics_case_id               text,
  case_number                text,
  contact_organization       text,
  contact_name               text,
  contact_email              text,
  contact_phone              text,
  contact_title              text,
  seizure_date               text,
  source_application_name    text,
  source_application_version text,
  case_metadata              jsonb NOT NULL DEFAULT '[]'::jsonb  -- [{name, value}] in file order
);
