// `npm run bench:bytea [-- --n 500 --rounds 3]` — reading and writing stored place features (22 KB bytea records) on
// the embedded database with PGlite's own bytea codec and with the native one the system uses (pgliteByteaCodec),
// alternating in one run: ms per record, read in statements of 16 as the place matcher reads candidates.
import { PGlite } from '@electric-sql/pglite';
import { pgliteByteaCodec } from '../src/db/database.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const n = arg('--n', 500),
  rounds = arg('--rounds', 3),
  SIZE = 22_445,
  CHUNK = 16;
const record = (i: number) => Uint8Array.from({ length: SIZE }, (_, k) => ((i + 1) * 2654435761 + k * 40503) >>> 24);

async function measure(label: string, db: PGlite) {
  await db.exec('create table if not exists f (id int primary key, b bytea)');
  await db.exec('truncate f');
  let t = performance.now();
  for (let i = 0; i < n; i++) await db.query('insert into f values ($1, $2)', [i, record(i)]);
  const write = (performance.now() - t) / n;
  t = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, n - i) }, (_, k) => i + k);
    for (const r of (await db.query<{ b: Uint8Array }>('select b from f where id = any($1)', [ids])).rows) bytes += r.b.length;
  }
  const read = (performance.now() - t) / n;
  if (bytes !== n * SIZE) throw new Error(`read ${bytes} bytes, expected ${n * SIZE}`);
  console.log(`${label.padEnd(22)} write ${write.toFixed(3)} ms/record   read ${read.toFixed(3)} ms/record`);
  return { write, read };
}

const own = new PGlite(),
  fast = new PGlite(pgliteByteaCodec);
const sum = { own: { write: 0, read: 0 }, fast: { write: 0, read: 0 } };
for (let r = 0; r < rounds; r++) {
  for (const [k, db] of [
    ['own', own],
    ['fast', fast],
  ] as const) {
    const m = await measure(k === 'own' ? "PGlite's codec" : 'native (the system)', db);
    sum[k].write += m.write / rounds;
    sum[k].read += m.read / rounds;
  }
}
console.log(
  `bench:bytea n=${n} size=${SIZE} own_read_ms=${sum.own.read.toFixed(3)} native_read_ms=${sum.fast.read.toFixed(3)} own_write_ms=${sum.own.write.toFixed(3)} native_write_ms=${sum.fast.write.toFixed(3)} read_speedup=${(sum.own.read / sum.fast.read).toFixed(1)}`,
);
await own.close();
await fast.close();
