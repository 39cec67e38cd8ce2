import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codeToHex } from '../matching/code.js';
import { Prng } from '../matching/prng.js';
import { MatchIndexStore, type MatchRow, type MatchRowSource } from './store.js';

function source(rows: MatchRow[]): MatchRowSource & { pages: number } {
  const src = {
    pages: 0,
    async *rowsAfter(afterId: number) {
      src.pages++;
      for (const r of [...rows].sort((a, b) => a.id - b.id)) if (r.id > afterId) yield r;
    },
    async countUpTo(maxId: number) {
      return rows.filter((r) => r.id <= maxId).length;
    },
  };
  return src;
}

const rng = new Prng(21);
function rows(from: number, count: number): MatchRow[] {
  return Array.from({ length: count }, (_, i) => ({ id: from + i * 2, pdq: codeToHex(rng.codes(1)) }));
}

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'mih-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('MatchIndexStore', () => {
  it('rebuilds without a snapshot, then restarts from the snapshot', async () => {
    const dir = tmp();
    const data = rows(1, 5000);
    data.push({ id: 20_001, pdq: data[0].pdq }); // duplicate code
    const first = new MatchIndexStore({ dir });
    const r1 = await first.open(source(data));
    expect(r1).toMatchObject({ from: 'rebuild', reason: 'no snapshot', applied: 5001, skipped: 0, watermark: { maxId: 20_001, count: 5001 } });
    writeFileSync(path.join(dir, 'pdq.mih.tmp-123-456'), 'left over by a crash');
    const second = new MatchIndexStore({ dir });
    const r2 = await second.open(source(data));
    expect(r2).toMatchObject({ from: 'snapshot', applied: 0, watermark: { maxId: 20_001, count: 5001 } });
    expect(second.index.query(data[0].pdq, 0).map((m) => m.id)).toEqual([1, 20_001]);
    expect(readdirSync(dir)).toEqual(['pdq.mih']); // no temp files left behind
  });

  it('catches up only the rows newer than the watermark', async () => {
    const dir = tmp();
    const data = rows(1, 3000);
    await new MatchIndexStore({ dir }).open(source(data));
    const newer = rows(10_001, 700);
    const store = new MatchIndexStore({ dir, resaveAfter: 500 });
    const report = await store.open(source([...data, ...newer]));
    expect(report).toMatchObject({ from: 'snapshot', applied: 700, watermark: { maxId: newer[699].id, count: 3700 } });
    for (const r of [newer[0], newer[699], data[5]]) expect(store.index.query(r.pdq, 0).map((m) => m.id)).toEqual([r.id]);
    // 700 >= resaveAfter: the snapshot now covers the new rows.
    const again = await new MatchIndexStore({ dir }).open(source([...data, ...newer]));
    expect(again).toMatchObject({ from: 'snapshot', applied: 0, watermark: { count: 3700 } });
  });

  it('detects a corrupted snapshot and rebuilds', async () => {
    const dir = tmp();
    const data = rows(1, 2000);
    const store = new MatchIndexStore({ dir });
    await store.open(source(data));
    const file = store.file;
    const bytes = readFileSync(file);
    for (const pos of [100, Math.floor(bytes.length / 2), bytes.length - 20]) {
      const bad = Buffer.from(bytes);
      bad[pos] ^= 0x10;
      writeFileSync(file, bad);
      const r = await new MatchIndexStore({ dir }).open(source(data));
      expect(r.from).toBe('rebuild');
      expect(r.reason).toMatch(/corrupt snapshot/);
      expect(readFileSync(file).equals(bytes)).toBe(true); // rewritten (deterministic content)
    }
    writeFileSync(file, bytes.subarray(0, 1000));
    expect((await new MatchIndexStore({ dir }).open(source(data))).reason).toMatch(/corrupt/);
  });

  it('rebuilds when rows behind the watermark changed (stale snapshot)', async () => {
    const dir = tmp();
    const data = rows(1, 1000);
    await new MatchIndexStore({ dir }).open(source(data));
    const fewer = data.filter((r) => r.id !== 11);
    const store = new MatchIndexStore({ dir });
    const r = await store.open(source(fewer));
    expect(r.from).toBe('rebuild');
    expect(r.reason).toMatch(/stale/);
    expect(store.index.has(11)).toBe(false);
    expect(store.index.size).toBe(999);
  });

  it('skips malformed pdq values and supports live apply/remove', async () => {
    const dir = tmp();
    const data = [...rows(1, 100), { id: 500, pdq: 'not-a-hash' }];
    const store = new MatchIndexStore({ dir });
    const r = await store.open(source(data));
    expect(r).toMatchObject({ applied: 100, skipped: 1 });
    expect(store.apply({ id: 900, pdq: data[0].pdq })).toBe(true);
    expect(store.apply({ id: 901, pdq: 'zz' })).toBe(false);
    expect(store.remove(1)).toBe(true);
    expect(store.watermark).toEqual({ maxId: 900, count: 100 });
    store.save();
    const back = new MatchIndexStore({ dir });
    expect(back.readSnapshot()).toMatchObject({ watermark: { maxId: 900, count: 100 } });
  });
});
