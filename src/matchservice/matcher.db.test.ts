// The match service: loads known media from the database, snapshots under <dataDir>/index, reopens from
// the snapshot with catch-up, and answers dihedral range queries.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { MatchService } from './matcher.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const hex = () => randomBytes(32).toString('hex');
const flip = (h: string, bits: number) => {
  const b = Buffer.from(h, 'hex');
  for (let i = 0; i < bits; i++) b[i]! ^= 1;
  return b.toString('hex');
};

async function addMedia(pdq: string) {
  const agency = (await sql<{ id: number }>`SELECT id FROM agencies WHERE country_code = 'DE' LIMIT 1`.execute(sys.ctx.db)).rows[0]!.id;
  return (
    await sql<{ id: number }>`INSERT INTO media (sha256, pdq, owner_country, owner_agency_id) VALUES (${hex()}, ${pdq}, 'DE', ${agency}) RETURNING id`.execute(
      sys.ctx.db,
    )
  ).rows[0]!.id;
}

describe('match service', () => {
  it('builds from the database, snapshots, reopens with catch-up and queries dihedral variants', async () => {
    const a = hex(),
      b = hex();
    const ida = await addMedia(a);
    const m1 = new MatchService(sys.ctx.db, { dataDir: sys.config.dataDir + '/m' });
    await m1.start();
    expect(m1.size).toBeGreaterThanOrEqual(1);
    expect((await m1.near([flip(a, 10)])).map((h) => [h.mediaId, h.distance])).toContainEqual([ida, 10]);
    const idb = await addMedia(b);
    m1.add(idb, b);
    await m1.snapshot();
    expect(fs.existsSync(path.join(sys.config.dataDir, 'm', 'index', 'media-pdq.mih'))).toBe(true);
    const c = hex();
    const idc = await addMedia(c); // written after the snapshot: caught up on reopen
    const m2 = new MatchService(sys.ctx.db, { dataDir: sys.config.dataDir + '/m' });
    const variants = [hex(), hex(), flip(c, 3), hex(), hex(), hex(), hex(), hex()];
    const hits = await m2.near(variants);
    expect(hits[0]).toEqual({ mediaId: idc, distance: 3, variant: 2 });
    expect((await m2.near([b])).map((h) => h.mediaId)).toContain(idb);
    expect(await m2.near([flip(b, 40)])).toEqual([]);
  });
});
