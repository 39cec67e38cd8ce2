// bytea on the embedded database goes through Node's hex codec (pgliteByteaCodec): every byte value, empty and odd
// lengths, views at an offset, and a feature-sized record come back as PGlite's own codec gives them.
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteByteaCodec } from './database.js';

describe('bytea on PGlite', () => {
  it('round-trips bytes through the native codec exactly as through PGlite’s own', async () => {
    const fast = new PGlite(pgliteByteaCodec);
    const own = new PGlite();
    try {
      const every = Uint8Array.from({ length: 256 }, (_, i) => i);
      const big = Uint8Array.from({ length: 22_445 }, (_, i) => (i * 2654435761) >>> 24);
      const view = new Uint8Array(Buffer.concat([Buffer.from([9, 9, 9]), Buffer.from(every)]).buffer).subarray(3, 3 + 77);
      const values = [every, new Uint8Array(0), Uint8Array.from([0, 255, 7]), big, view];
      for (const db of [fast, own]) await db.exec('create table t (id int primary key, b bytea)');
      for (const [i, v] of values.entries()) {
        await fast.query('insert into t values ($1, $2)', [i, v]);
        await own.query('insert into t values ($1, $2)', [i, v]);
      }
      const read = async (db: PGlite) => (await db.query<{ id: number; b: Uint8Array }>('select id, b from t order by id')).rows.map((r) => [...r.b]);
      const fromFast = await read(fast);
      expect(fromFast).toEqual(values.map((v) => [...v]));
      expect(fromFast).toEqual(await read(own));
      // Written by the native codec, stored as the same bytes (PostgreSQL's own view of them).
      const hex = await fast.query<{ h: string }>("select encode(b, 'hex') as h from t where id = 0");
      expect(hex.rows[0]!.h).toBe(Buffer.from(every).toString('hex'));
      await expect(fast.query('insert into t values ($1, $2)', [99, 'not bytes'])).rejects.toThrow(/bytea/);
    } finally {
      await fast.close();
      await own.close();
    }
  });
});
