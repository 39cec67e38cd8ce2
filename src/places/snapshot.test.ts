import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlaceIndex } from './index.js';
import { readPlaceSnapshot, writePlaceSnapshot } from './snapshot.js';
import { loadVocabulary } from './vocabulary-file.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-plx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let seed = 11;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const words = (n: number) => Uint32Array.from({ length: n }, () => Math.floor(rnd() * 3000));

describe('place index snapshot', () => {
  const voc = loadVocabulary();
  const original = new PlaceIndex(voc);
  for (let id = 1; id <= 1500; id++) original.add(id * 3, words(20 + Math.floor(rnd() * 200)));
  for (let id = 30; id <= 4500; id += 30) original.remove(id);
  const queries = Array.from({ length: 12 }, () => words(300));
  const file = path.join(dir, 'places.plx');
  writePlaceSnapshot(file, original, { maxId: 4500, count: original.size, vocabulary: 2 });

  it('reads back an index that answers every query as the one written (removed images left out)', () => {
    const snap = readPlaceSnapshot(file, voc);
    if ('error' in snap) throw new Error(snap.error);
    expect(snap.watermark).toEqual({ maxId: 4500, count: 1350, vocabulary: 2 });
    expect(snap.index.size).toBe(1350);
    expect(snap.index.has(30)).toBe(false);
    expect(snap.index.has(33)).toBe(true);
    for (const q of queries) expect(snap.index.candidates(q, 40, undefined, 5, 5)).toEqual(original.candidates(q, 40, undefined, 5, 5));
    // Lists read as views of one array grow without writing over their neighbours.
    for (let id = 5000; id < 5300; id++) {
      const w = words(150);
      snap.index.add(id, w);
      original.add(id, w);
    }
    for (const q of queries) expect(snap.index.candidates(q, 40)).toEqual(original.candidates(q, 40));
  });

  it('refuses a missing, truncated or altered file with the reason, never a wrong index', () => {
    expect(readPlaceSnapshot(path.join(dir, 'none.plx'), voc)).toEqual({ error: 'no snapshot' });
    const bytes = fs.readFileSync(file);
    const cut = path.join(dir, 'cut.plx');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    expect(readPlaceSnapshot(cut, voc)).toEqual({ error: expect.stringMatching(/^corrupt snapshot: /) });
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 20]) {
      const bad = Buffer.from(bytes);
      bad[at] = bad[at]! ^ 0x10;
      const f = path.join(dir, `bad-${at}.plx`);
      fs.writeFileSync(f, bad);
      expect(readPlaceSnapshot(f, voc)).toEqual({ error: expect.stringMatching(/^corrupt snapshot: /) });
    }
  });

  it('leaves no temp file behind and replaces the snapshot whole', () => {
    const small = new PlaceIndex(voc);
    small.add(7, words(50));
    writePlaceSnapshot(file, small, { maxId: 7, count: 1, vocabulary: 2 });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const snap = readPlaceSnapshot(file, voc);
    expect('error' in snap ? snap.error : snap.index.size).toBe(1);
  });
});
