-- In-seizure near duplicates (images): the lowest-numbered item of the same seizure within PDQ distance 31,
-- kept as a number so a later-processed partner can replace a note naming a higher one (src/seizures/near.ts).
ALTER TABLE seizure_items ADD COLUMN near_item_id integer;
