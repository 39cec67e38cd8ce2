// Issue 14 item 9: the server keeps answering while a 1,000,000-line hash list streams in and is processed
// (streaming linear CSV parse, 100-line transactions that yield). /health latency is measured in the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { newCase, newSeizure } from './testkit.js';
import { healthBound, idleLatencies, latenciesDuring, listen, stats } from './health-latency.js';
import { request } from 'node:http';
import { HASH_BATCH } from './upload.js';

const ROWS = Number(process.env.ICSE_TEST_HASH_ROWS) || 1_000_000;
const WINDOW_MS = Number(process.env.ICSE_TEST_WINDOW_MS) || 20_000;

const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;
let port: number;

beforeAll(async () => {
  sys = await startTestSystem(process.env.ICSE_TEST_ROLE ? { ICSE_ROLE: process.env.ICSE_TEST_ROLE } : {});
  caseId = await newCase(sys, FR, 'AVAIL-1');
  port = await listen(sys);
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('availability: a million-line hash list', () => {
  it(`/health answers under 200 ms while a ${ROWS.toLocaleString('en')}-line hash list streams in and is processed`, async () => {
    const seizure = await newSeizure(sys, FR, caseId, 'hash-list', { hashOnly: true });
    const cookie = await sys.login(FR);
    const line = (i: number) => `f${i}.jpg,${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(56, '0')}\n`;
    const idle = stats(await idleLatencies(port));
    // The list goes over a real socket as the client sends it (chunked, with backpressure); /health is polled
    // meanwhile. Receiving all of it takes minutes on the embedded database (its throughput, not the point
    // here): the test measures during WINDOW_MS (or to the end with ICSE_TEST_HASH_FULL=1), then hangs up.
    const full = process.env.ICSE_TEST_HASH_FULL === '1';
    let sentLines = 0;
    const started = performance.now();
    let req!: ReturnType<typeof request>;
    const answered = new Promise<{ status: number; body: string } | null>((resolve) => {
      req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/seizures/${seizure}/hashes`,
          agent: false,
          headers: { cookie: `icse_session=${cookie}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', () => resolve(null)); // hung up by the test
      (async () => {
        req.write('name,sha256\n');
        while (sentLines < ROWS) {
          let chunk = '';
          for (let k = 0; k < 1000 && sentLines < ROWS; k++) chunk += line(sentLines++);
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(() => undefined);
    });
    const window = full ? answered : Promise.race([answered, new Promise((r) => setTimeout(r, WINDOW_MS))]);
    const latencies = await latenciesDuring(port, window);
    const seconds = (performance.now() - started) / 1000;
    const finished = sentLines >= ROWS && (await Promise.race([answered, new Promise<null>((r) => setTimeout(() => r(null), 10))])) !== null;
    if (!finished) req.destroy();
    const answer = finished ? await answered : null;
    const s = stats(latencies);
    const stored = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM seizure_items WHERE seizure_id = ${seizure}`.execute(sys.ctx.db)).rows[0]!.n;
    await new Promise((r) => setTimeout(r, 500)); // the batch being written when the client hung up commits
    const n = await stored();
    console.log(
      `hash list of ${ROWS} lines: ${sentLines} sent and ${n} stored in ${seconds.toFixed(1)} s (${(n / seconds).toFixed(0)} lines/s)${finished ? ', complete' : ', then the client hung up'}; ` +
        `/health idle ${JSON.stringify(idle)}, during ${JSON.stringify(s)}`,
    );
    expect(s.n).toBeGreaterThan(20);
    expect(n).toBeGreaterThan(1000);
    if (answer) {
      expect(answer.status, answer.body).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ files: ROWS, added: ROWS, errors: 0 });
      expect(n).toBe(ROWS);
    } else {
      // What arrived before the connection broke is kept, in whole batches.
      expect(n % HASH_BATCH).toBe(0);
    }
    // p99 of the answers (the worst single one is printed): a shared machine's scheduler adds its own stalls.
    // On PGlite this held only once queries yield to the event loop (src/db/database.ts, yieldAfterEachQuery):
    // before, a chain of awaited embedded queries kept timers and sockets out for seconds.
    expect(s.p99).toBeLessThan(healthBound(idle));
  }, 900_000);
});
