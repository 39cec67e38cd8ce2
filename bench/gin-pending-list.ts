// Inserts into a table with the PDQ chunk GIN index (migrations/005), with and without GIN's pending list, in one run:
// with it, the insert that fills the list past gin_pending_list_limit (4 MB) merges the whole list into the index
// (migrations/024 turns it off). On PGlite that one statement holds the event loop.
//   npm run bench:gin -- [--n 20000]
import { PGlite } from '@electric-sql/pglite';
import crypto from 'node:crypto';
import fs from 'node:fs';

// The chunk function and index as migrations/005 creates them (on a table with only the PDQ column), then the setting.
const knowledge = fs.readFileSync(new URL('../migrations/005_knowledge.sql', import.meta.url), 'utf8');
const statement = (re: RegExp) => {
  const m = knowledge.match(re);
  if (!m) throw new Error(`migrations/005_knowledge.sql no longer holds ${re}`);
  return m[0];
};
const chunkFunction = statement(/CREATE FUNCTION pdq_chunks[\s\S]*?\$\$;/);
const chunkIndex = statement(/CREATE INDEX media_pdq_chunks_idx [^;]*;/);

const at = process.argv.indexOf('--n');
const N = at > 0 ? Number(process.argv[at + 1]) : 20_000;
async function run(fastupdate: boolean) {
  const db = new PGlite();
  await db.waitReady;
  await db.exec(`create table media (id serial primary key, pdq text);
  ${chunkFunction}
  ${chunkIndex}
  ALTER INDEX media_pdq_chunks_idx SET (fastupdate = ${fastupdate ? 'on' : 'off'});`);
  const slow: string[] = [];
  let worst = 0,
    total = 0;
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await db.query('insert into media (pdq) values ($1)', [crypto.randomBytes(32).toString('hex')]);
    const ms = performance.now() - t;
    total += ms;
    worst = Math.max(worst, ms);
    if (ms > 100) slow.push(`${i}:${ms.toFixed(0)}`);
  }
  console.log(`bench:gin n=${N} fastupdate=${fastupdate}: worst ${worst.toFixed(0)} ms, mean ${(total / N).toFixed(3)} ms, over 100 ms: ${slow.join(' ')}`);
  await db.close();
}
await run(true);
await run(false);
