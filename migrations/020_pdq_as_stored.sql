-- media.pdq becomes the PDQ of the pixels AS STORED (EXIF orientation not applied): the hash HMA,
-- python-threatexchange and NCMEC-style lists hold for the same file, so exports and lookups by peers agree.
-- pdq_upright keeps the hash of the image as displayed when the EXIF orientation is not 1.
-- pdq_basis says how media.pdq was obtained:
--   stored  : computed here from the pixels as stored (all rows hashed from now on);
--   derived : rows hashed before this migration with an EXIF orientation 2..8 (pdq held the upright hash):
--             pdq is now the dihedral variant of the upright hash that corresponds to the stored pixels
--             (the orientations are exactly the 8 dihedral transforms). Within the match distance of a fresh
--             hash of the stored pixels for most orientations, up to ~36 bits for 3 and 7 (PDQ's rotate180 and
--             flipMinus1 variants drift); `icse rehash-pdq` hashes rows whose bytes are held again, exactly;
--   given   : contributed as a hash only (hash-only seizure lines), taken as the contributor gave it.
ALTER TABLE media ADD COLUMN pdq_upright text;
ALTER TABLE media ADD COLUMN pdq_basis text CHECK (pdq_basis IN ('stored', 'derived', 'given'));

UPDATE media SET pdq_basis = 'given' WHERE pdq IS NOT NULL AND hash_only;
UPDATE media SET pdq_basis = 'stored'
 WHERE pdq IS NOT NULL AND NOT hash_only
   AND NOT coalesce(exif->>'orientation' ~ '^[2-8]$', false);
-- Dihedral order of pdq_dihedral: original, rotate90, rotate180, rotate270, flipx, flipy, flipPlus1, flipMinus1.
-- EXIF orientation o -> the variant of the upright hash equal to the stored pixels' hash:
--   2 flipy, 3 rotate180, 4 flipx, 5 flipPlus1, 6 rotate90, 7 flipMinus1, 8 rotate270 (src/imaging/exif-dihedral.ts).
UPDATE media SET
  pdq_upright = pdq,
  pdq = pdq_dihedral[CASE exif->>'orientation' WHEN '2' THEN 6 WHEN '3' THEN 3 WHEN '4' THEN 5 WHEN '5' THEN 7
                                              WHEN '6' THEN 2 WHEN '7' THEN 8 WHEN '8' THEN 4 END],
  pdq_dihedral = NULL, -- it held the upright image's variants; rehashing fills it again
  pdq_basis = 'derived'
 WHERE pdq IS NOT NULL AND NOT hash_only AND exif->>'orientation' ~ '^[2-8]$' AND cardinality(pdq_dihedral) = 8;
-- Rotated rows without dihedral hashes cannot be converted: keep the upright hash there as well, marked derived.
UPDATE media SET pdq_upright = pdq, pdq_basis = 'derived'
 WHERE pdq IS NOT NULL AND pdq_basis IS NULL;
