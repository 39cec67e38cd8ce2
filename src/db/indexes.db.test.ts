// Index settings the migrations make, on both databases: the PDQ chunk index keeps no GIN pending list, whose merge
// inside one insert every ~12,800 rows held PGlite (and the event loop) 684-774 ms (migrations/024).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

describe('index settings', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ ICSE_DEMO: '0' });
  });
  afterAll(() => sys?.close());

  it('the PDQ chunk index updates itself on each insert (fastupdate off, nothing pending)', async () => {
    const db = sys.ctx.db;
    const opts = await sql<{ reloptions: string[] | null }>`
      select c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relname = 'media_pdq_chunks_idx' and n.nspname = current_schema()`.execute(db);
    expect(opts.rows).toHaveLength(1);
    expect(opts.rows[0]!.reloptions).toContain('fastupdate=off');
    // Nothing left in a pending list to clean.
    const cleaned = await sql<{ n: number }>`select gin_clean_pending_list(to_regclass('media_pdq_chunks_idx'))::int as n`.execute(db);
    expect(cleaned.rows[0]!.n).toBe(0);
  });
});
