-- Crop-tolerant video matching (issue 8): PDQ of centre crops of each stored frame (src/video/hash.ts
-- CROP_SCALES, same order), indexed beside the full-frame hash. NULL for frames stored before.
ALTER TABLE media_frames ADD COLUMN crop_pdq text[];
