-- Index replicas in step across processes (issue 18 item 2): every commit that adds, changes or removes
-- what the live match indexes hold (media PDQ, video frames, robust regions) leaves a row here, and
-- wakes the other processes (NOTIFY icse_index, payload = schema). Each process catches up from its
-- own seq watermark, so a missed notification only delays; the rows say only "look at this id again".
CREATE TABLE index_changes (
  seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind    text NOT NULL CHECK (kind IN ('media', 'frame', 'robust')),
  ref_id  integer NOT NULL,
  at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX index_changes_at_idx ON index_changes (at);

CREATE FUNCTION index_changes_media_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT 'media', id FROM new_rows WHERE pdq IS NOT NULL;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_media_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Media rows change often (first item, metadata); only a changed PDQ concerns the index.
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.pdq IS DISTINCT FROM o.pdq) THEN
    INSERT INTO index_changes (kind, ref_id) SELECT 'media', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.pdq IS DISTINCT FROM o.pdq;
    PERFORM pg_notify('icse_index', current_schema());
  END IF;
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_media_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT 'media', id FROM old_rows;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_frame_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT 'frame', id FROM new_rows;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_frame_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT 'frame', id FROM old_rows;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_robust_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT DISTINCT 'robust', media_id FROM new_rows;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;
CREATE FUNCTION index_changes_robust_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_changes (kind, ref_id) SELECT DISTINCT 'robust', media_id FROM old_rows;
  PERFORM pg_notify('icse_index', current_schema());
  RETURN NULL;
END $$;

CREATE TRIGGER media_ic_ins AFTER INSERT ON media REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_media_new();
CREATE TRIGGER media_ic_upd AFTER UPDATE ON media REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_media_upd();
CREATE TRIGGER media_ic_del AFTER DELETE ON media REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_media_old();
CREATE TRIGGER media_frames_ic_ins AFTER INSERT ON media_frames REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_frame_new();
CREATE TRIGGER media_frames_ic_upd AFTER UPDATE ON media_frames REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_frame_new();
CREATE TRIGGER media_frames_ic_del AFTER DELETE ON media_frames REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_frame_old();
CREATE TRIGGER media_robust_regions_ic_ins AFTER INSERT ON media_robust_regions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_robust_new();
CREATE TRIGGER media_robust_regions_ic_del AFTER DELETE ON media_robust_regions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION index_changes_robust_old();
