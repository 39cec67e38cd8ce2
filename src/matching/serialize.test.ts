import { describe, expect, it } from 'vitest';
import { IdTable } from './idtable.js';
import { PdqIndex } from './pdq-index.js';
import { Prng } from './prng.js';
import { SnapshotError, SNAPSHOT_FORMAT_VERSION } from './serialize.js';
import { makeCodes } from './testutil.js';

function sample(): PdqIndex {
  const rng = new Prng(3);
  const n = 3000;
  const codes = makeCodes(rng, 'clustered', n);
  codes.copyWithin(8, 0, 8); // ids 1 and 2 share a code
  const index = PdqIndex.build(
    Array.from({ length: n }, (_, i) => i + 1),
    codes,
    { bufferSize: 64 },
  );
  for (let i = 0; i < 100; i++) index.add(10_000 + i, rng.codes(1)); // some in the buffer
  index.remove(5);
  return index;
}

describe('snapshots', () => {
  it('round-trips ids, duplicates, tombstones, buffer contents and meta', () => {
    const index = sample();
    const bytes = index.serialize({ maxId: 10_099, note: 'x' });
    const { index: back, meta } = PdqIndex.deserializeWithMeta(bytes);
    expect(meta).toEqual({ maxId: 10_099, note: 'x' });
    expect(back.size).toBe(index.size);
    expect(back.has(5)).toBe(false);
    expect(back.has(2)).toBe(true);
    const rng = new Prng(4);
    for (let k = 0; k < 50; k++) {
      const q = index.codeOf(1 + rng.int(3000)) ?? rng.codes(1);
      rng.flip(q, 0, rng.int(30));
      expect(back.query(q, 31)).toEqual(index.query(q, 31));
    }
    // The loaded index stays mutable.
    back.add(5, index.codeOf(1)!);
    expect(back.query(index.codeOf(1)!, 0).map((m) => m.id)).toEqual([1, 2, 5]);
    back.remove(1);
    expect(back.query(index.codeOf(2)!, 0).map((m) => m.id)).toEqual([2, 5]);
    // Streaming serialization yields the same bytes.
    const chunks: Uint8Array[] = [];
    index.serializeTo((c) => chunks.push(c.slice()), { maxId: 10_099, note: 'x' });
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
  });

  it('detects any corrupted byte, truncation and version mismatch', () => {
    const bytes = sample().serialize();
    const rng = new Prng(9);
    const positions = [0, 9, 13, 20, bytes.length - 1, bytes.length - 10, bytes.length - 17];
    for (let k = 0; k < 150; k++) positions.push(rng.int(bytes.length));
    for (const p of positions) {
      const bad = bytes.slice();
      bad[p] ^= 1 << rng.int(8);
      expect(() => PdqIndex.deserialize(bad), `byte ${p}`).toThrow(SnapshotError);
    }
    expect(() => PdqIndex.deserialize(bytes.subarray(0, bytes.length - 8))).toThrow(SnapshotError);
    expect(() => PdqIndex.deserialize(new Uint8Array(10))).toThrow(SnapshotError);
    const v2 = bytes.slice();
    v2[8] = SNAPSHOT_FORMAT_VERSION + 1;
    expect(() => PdqIndex.deserialize(v2)).toThrow(/version/);
  });

  it('empty index round-trips', () => {
    const back = PdqIndex.deserialize(new PdqIndex().serialize());
    expect(back.size).toBe(0);
    expect(back.query('0'.repeat(64), 63)).toEqual([]);
  });
});

describe('IdTable', () => {
  it('matches a Map under random inserts and deletes', () => {
    const rng = new Prng(12);
    const slotId = new Float64Array(20_000);
    const t = new IdTable(4);
    const ref = new Map<number, number>();
    const keys: number[] = [];
    let next = 0;
    for (let step = 0; step < 40_000; step++) {
      if (rng.int(3) > 0 && next < slotId.length) {
        const id = 1 + rng.int(2 ** 40);
        if (ref.has(id)) continue;
        slotId[next] = id;
        expect(t.insert(id, next, slotId)).toBe(true);
        expect(t.insert(id, next + 1, slotId)).toBe(false);
        ref.set(id, next++);
        keys.push(id);
      } else if (ref.size > 0) {
        const k = rng.int(keys.length),
          id = keys[k];
        keys[k] = keys[keys.length - 1];
        keys.pop();
        expect(t.delete(id, slotId)).toBe(true);
        ref.delete(id);
        expect(t.find(id, slotId)).toBe(-1);
      }
      if (step % 5000 === 0) for (const [id, s] of ref) expect(t.find(id, slotId)).toBe(s);
    }
    expect(t.count).toBe(ref.size);
  });
});
