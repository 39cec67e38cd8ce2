-- Knowledge layer: series, victims, offenders, places, categorisation, collaboration, search and statistics.
-- Mostly indexes over the tables of 003_core.sql, plus the PDQ chunk index used by near-duplicate search.

-- PDQ near search without a full scan (multi-index hashing): the 256-bit hash is cut into 16 chunks of
-- 16 bits, each tagged with its position ('0'..'f' + 4 hex). Two hashes within Hamming distance 15 share
-- at least one chunk exactly (pigeonhole), so a GIN lookup on the chunk array yields a bounded candidate
-- set that is complete up to distance 15; the exact distance is then computed on the candidates.
CREATE FUNCTION pdq_chunks(h text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_agg(to_hex(i) || substr(lower(h), i * 4 + 1, 4) ORDER BY i) FROM generate_series(0, 15) AS i
$$;
CREATE INDEX media_pdq_chunks_idx ON media USING gin (pdq_chunks(pdq)) WHERE pdq IS NOT NULL;

CREATE INDEX media_owner_idx ON media (owner_country, owner_agency_id);
CREATE INDEX media_camera_serial_idx ON media (camera_serial) WHERE camera_serial IS NOT NULL;
CREATE INDEX series_owner_idx ON series (owner_country, owner_agency_id);
CREATE INDEX series_case_idx ON series (case_id);
CREATE INDEX series_name_idx ON series (lower(name));
CREATE INDEX victims_label_idx ON victims (lower(label));
CREATE INDEX victims_identified_idx ON victims (identified_by_country, identified_at) WHERE identified;
CREATE INDEX offenders_identified_idx ON offenders (identified_by_country, identified_at) WHERE identified;
CREATE INDEX category_votes_user_idx ON category_votes (user_id);
CREATE INDEX consultations_case_idx ON consultations (case_id);
CREATE INDEX consultations_countries_idx ON consultations USING gin (countries);
CREATE INDEX consultation_messages_thread_idx ON consultation_messages (consultation_id, id);
CREATE INDEX notifications_country_idx ON notifications (recipient_country, id);
CREATE INDEX notification_reads_user_idx ON notification_reads (user_id);
