-- The PDQ chunk index (005) took new entries into GIN's pending list and merged the whole list into the index inside
-- whichever INSERT filled it past gin_pending_list_limit (4 MB): one insert into media every ~12,800 rows took
-- 684-774 ms, and on PGlite that statement holds the server's event loop (docs/ingest-profile.md). Without the
-- pending list each insert updates the index itself: 20,000 inserts, longest 42 ms, mean 0.34 ms (0.36 with it).
ALTER INDEX media_pdq_chunks_idx SET (fastupdate = off);
-- Turning it off keeps what the list holds until it is cleaned: clean it now.
SELECT gin_clean_pending_list('media_pdq_chunks_idx'::regclass);
