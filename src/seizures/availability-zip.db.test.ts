// Issue 14 item 10: a zip of 1,500 zero-filled 1 MiB entries (1.7 MB) must not write 1.5 GB: the archive's
// total expansion is guarded, every entry still gets an item, and /health keeps answering (measured here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { newCase, newSeizure, upload } from './testkit.js';
import { healthBound, idleLatencies, latenciesDuring, listen, stats } from './health-latency.js';
import { buildZip } from './fixtures.js';

const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;
let port: number;

beforeAll(async () => {
  sys = await startTestSystem();
  caseId = await newCase(sys, FR, 'AVAIL-1');
  port = await listen(sys);
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('availability: a zip of zeros', () => {
  it('/health answers under 200 ms while a zip of 1,500 zero-filled 1 MiB entries is refused past its expansion budget', async () => {
    const zeros = Buffer.alloc(1024 * 1024);
    const zip = buildZip(Array.from({ length: 1500 }, (_, i) => ({ name: `z/${i}.bin`, data: zeros, deflate: true })));
    expect(zip.length).toBeLessThan(3 * 1024 * 1024);
    const seizure = await newSeizure(sys, FR, caseId, 'zeros');
    const idle = stats(await idleLatencies(port));
    const sent = upload(sys, FR, seizure, [{ name: 'zeros.zip', data: zip }]);
    const latencies = await latenciesDuring(port, sent, 2000);
    const r = await sent;
    expect(r.statusCode, r.body).toBe(200);
    const s = stats(latencies);
    const rows = await sql<{ status: string; reason: string | null; n: number; bytes: string | null }>`
      SELECT status, error_reason AS reason, count(*)::int AS n, sum(size_bytes)::text AS bytes FROM seizure_items WHERE seizure_id = ${seizure} GROUP BY 1, 2`.execute(
      sys.ctx.db,
    );
    const received = rows.rows.filter((x) => x.reason !== 'zip_bomb');
    const written = received.reduce((a, x) => a + Number(x.bytes ?? 0), 0);
    const refused = rows.rows.find((x) => x.reason === 'zip_bomb')?.n ?? 0;
    console.log(
      `zip ${zip.length} bytes, 1,500 entries: ${written} bytes written, ${refused} entries refused; /health idle ${JSON.stringify(idle)}, during ${JSON.stringify(s)}`,
    );
    // Every entry has an item; what passed the guard is at most 100× the archive (not 1.5 GB).
    expect(rows.rows.reduce((a, x) => a + x.n, 0)).toBe(1500);
    expect(written).toBeLessThanOrEqual(100 * zip.length);
    expect(refused).toBeGreaterThan(1300);
    const sample = await sql<{
      message: string;
    }>`SELECT error_message AS message FROM seizure_items WHERE seizure_id = ${seizure} AND error_reason = 'zip_bomb' LIMIT 1`.execute(sys.ctx.db);
    expect(sample.rows[0]!.message).toMatch(/decompression bomb/);
    // p99 of the answers (the worst single one is printed): a shared machine's scheduler adds its own stalls.
    expect(s.p99).toBeLessThan(healthBound(idle));
  }, 300_000);
});
