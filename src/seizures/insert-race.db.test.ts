// On a database server two transactions can look for the same bytes at once: both find nothing, one stores them,
// the other's insert waits and then does nothing. The second item is then that copy's exact match, as if it had been
// processed a moment later (known material here), not "new" beside a record it did not create. PGlite runs one
// transaction at a time, so this race exists only on the server leg.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, startTestSystem, type TestSystem } from '../testing/harness.js';
import { sceneJpeg } from '../demo/scenes.js';
import { newCase, newSeizure, upload, userRow, waitComplete } from './testkit.js';

const FR = 'fr.investigator@demo.icse';
const DE = 'de.investigator@demo.icse';
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('two transactions storing the same bytes', () => {
  it.skipIf(dbKind !== 'postgres')(
    'makes the item that lost the insert an exact match of the stored copy',
    async () => {
      const data = await sceneJpeg(811, 640, 480);
      const sha256 = createHash('sha256').update(data).digest('hex');
      const de = await userRow(sys, DE);
      // Another transaction (Germany's ingest, say) stores the same bytes and has not committed yet.
      const other = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${sys.config.databaseSchema}` });
      await other.connect();
      try {
        await other.query('BEGIN');
        const stored = await other.query<{ id: number }>(
          `INSERT INTO media (sha256, owner_country, owner_agency_id, distribution, stored) VALUES ($1, $2, $3, 'all', true) RETURNING id`,
          [sha256, de.country_code, de.agency_id],
        );
        const seizure = await newSeizure(sys, FR, await newCase(sys, FR, 'RACE-1'), 'race');
        expect((await upload(sys, FR, seizure, [{ name: 'same.jpg', data }])).statusCode).toBe(200);
        // France's processing found nothing (the row is not committed) and now waits on it in its own insert.
        const deadline = Date.now() + 20_000;
        for (;;) {
          // (pg_stat_activity is read once per transaction: clear that snapshot for each look.)
          await other.query('SELECT pg_stat_clear_snapshot()');
          const waiting = await other.query(
            `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into "media"%' AND pid <> pg_backend_pid()`,
          );
          if (waiting.rowCount) break;
          if (Date.now() > deadline)
            throw new Error(
              `processing never reached its media insert: ${JSON.stringify((await other.query('SELECT wait_event_type, wait_event, state, left(query, 80) AS q FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()')).rows)}`,
            );
          await new Promise((r) => setTimeout(r, 100));
        }
        await other.query('COMMIT');
        const done = await waitComplete(sys, FR, seizure);
        expect(done.counts).toMatchObject({ items: 1, error: 0, knownExact: 1 });
        const item = (
          await sql<{ result: string; media_id: number }>`SELECT result, media_id FROM seizure_items WHERE seizure_id = ${seizure}`.execute(sys.ctx.db)
        ).rows[0]!;
        expect(item).toEqual({ result: 'known_exact', media_id: stored.rows[0]!.id });
        expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM media WHERE sha256 = ${sha256}`.execute(sys.ctx.db)).rows[0]!.n).toBe(1);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    },
    120_000,
  );
});
