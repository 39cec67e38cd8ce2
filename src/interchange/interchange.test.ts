// Pure units: the tolerant VICS reader, the hash-list reader/writer and the multi-index PDQ search.
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pdqDistance } from '../hashing/hex.js';
import { parseVics, VicsFormatError } from './vics-parse.js';
import { writeVics } from './vics-write.js';
import { hashListLine, ICSE_HEADER, parseHashList, HashListFormatError } from './hashlist.js';
import { BankPdqIndex } from './banks.js';

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('VICS reader', () => {
  it('reads a quirky 2.0 file: BOM, string booleans, wrong counts, duplicates, bad hashes', () => {
    const r = parseVics(fixture('vics-2.0-quirks.json'));
    expect(r.version).toBe('2.0');
    expect(r.scheme).toBe('US');
    expect(r.entries).toBe(6);
    const media = r.cases[0]!.media;
    expect(media.map((m) => m.md5)).toEqual([md5('benign-1'), md5('benign-2'), md5('benign-3')]);
    const a = media[0]!;
    expect(a).toMatchObject({ category: 1, victimIdentified: true, offenderIdentified: false, isDistributed: true, size: 2048, series: 'Fixture Series A' });
    expect(a.sha256).toBe(createHash('sha256').update('benign-1').digest('hex'));
    expect(a.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(a.files.map((f) => f.fileName)).toEqual(['a.jpg', 'a-copy.jpg']);
    expect(a.exifs).toEqual({ Make: 'TestCam' });
    expect(media[1]).toMatchObject({ sha1: null, pdqQuality: 87, isDistributed: false });
    expect(media[2]!.category).toBeNull();

    const line = (p: string) => r.report.find((x) => x.path === p);
    expect(line('value[0].TotalMediaFiles')?.message).toMatch(/says 9 but the Media array has 6/);
    expect(line('value[0].Media[3].MD5')).toMatchObject({ status: 'rejected', message: 'not a 32-hex MD5' });
    expect(line('value[0].Media[5].MD5')).toMatchObject({ status: 'rejected', message: expect.stringMatching(/missing/) });
    expect(line('value[0].Media[2]')).toMatchObject({
      status: 'merged',
      message: expect.stringMatching(/same MD5 as value\[0\]\.Media\[0\].*category 2 differs/),
    });
    expect(line('value[0].Media[1].SHA1')?.status).toBe('note');
    expect(line('value[0].Media[4].Category')?.message).toMatch(/not a US category/);
    expect(line('value[0].Media[4].IsSuspected')?.message).toMatch(/not a boolean/);
    expect(line('value[0].Media[4].AlternativeHashes[0].HashValue')?.message).toMatch(/PDQ/);
  });

  it('detects the older DHS scheme in 1.3 files and maps it', () => {
    const r = parseVics(fixture('vics-1.3-dhs.json'));
    expect(r.version).toBe('1.3');
    expect(r.scheme).toBe('DHS');
    expect(r.cases[0]!.media.map((m) => m.category)).toEqual([0, null, 1, 4]);
    expect(r.cases[0]!.media[2]!.isDistributed).toBe(true);
  });

  it('names the path of structural errors', () => {
    const err = (name: string) => {
      try {
        parseVics(fixture(name));
      } catch (e) {
        return e as VicsFormatError;
      }
      throw new Error('no error');
    };
    expect(err('vics-malformed-media.json').path).toBe('value[0].Media');
    expect(err('vics-malformed-media.json').message).toMatch(/expected an array/);
    expect(err('vics-not-vics.json').message).toMatch(/odata/);
    expect(err('vics-truncated.json').message).toMatch(/not valid JSON/);
  });

  it('writes 1.3 and 2.0 documents that read back the same', () => {
    const media = [
      {
        mediaId: 7,
        md5: md5('w'),
        sha1: null,
        sha256: null,
        pdq: 'f'.repeat(64),
        category: 2,
        size: 10,
        victimIdentified: true,
        offenderIdentified: null,
        isDistributed: false,
        series: 'S',
        tags: null,
        comments: null,
        mimeType: 'image/png',
        dateUpdated: null,
        files: [{ fileName: 'x.png', filePath: 'a/' }],
        exifs: {},
      },
    ];
    for (const [v, entity] of [
      ['1.3', 'Cases'],
      ['2.0', 'Cases'],
      ['1.3', 'Media'],
      ['2.0', 'Media'],
    ] as const) {
      const doc = writeVics(
        v,
        [{ caseId: '1', caseNumber: 'C-1', title: 'T', contactOrganization: 'O', contactName: 'N', contactEmail: 'e@x', seizureDate: null, media }],
        { entity },
      );
      const back = parseVics(JSON.stringify(doc));
      expect(back.version).toBe(v);
      expect(back.report).toEqual([]);
      expect(back.cases[0]!.media[0]).toMatchObject({
        md5: md5('w'),
        pdq: 'f'.repeat(64),
        category: 2,
        victimIdentified: true,
        series: 'S',
        files: [{ fileName: 'x.png', filePath: 'a/' }],
      });
    }
  });
});

describe('hash lists', () => {
  it('reads an ICSE CSV with quoted fields and rejects bad lines by number', () => {
    const r = parseHashList(fixture('hotline-icse.csv'));
    expect(r.format).toBe('icse');
    expect(r.entries.map((e) => e.md5)).toEqual([md5('hot-1'), md5('hot-2'), md5('benign-2')]);
    expect(r.entries[1]!.metadata['Series name']).toBe('Series; with semicolon');
    expect(r.entries[0]!.label).toBe('H-1');
    expect(r.rejected).toEqual([{ line: 4, message: expect.stringMatching(/MD5: not a 32-hex MD5/) }]);
  });

  it('reads PDQ lists and asks which 64-hex hash a bare list holds', () => {
    const r = parseHashList(fixture('hotline-pdq.txt'));
    expect(r.entries).toHaveLength(2);
    expect(r.entries[0]).toMatchObject({ pdqQuality: 100, label: 'hot-pdq-1', line: 2 });
    expect(r.rejected[0]!.line).toBe(4);
    expect(() => parseHashList('a'.repeat(64) + '\n')).toThrow(HashListFormatError);
    expect(() => parseHashList('# only\n  # comments\n\n')).toThrow(/only comments and blank lines/);
    expect(parseHashList('a'.repeat(64) + '\n', { kind: 'sha256' }).entries[0]!.sha256).toBe('a'.repeat(64));
  });

  it('writes the ICSE header and Yes/No flags', () => {
    expect(ICSE_HEADER.split(';')).toHaveLength(12);
    const line = hashListLine('icse', {
      mediaId: 3,
      md5: 'a'.repeat(32),
      sha1: null,
      pdq: null,
      pdqQuality: null,
      isDistributed: true,
      victimIdentified: false,
      offenderIdentified: true,
      seriesName: 'x;y',
      submissions: 2,
      fileAvailable: false,
      mediaType: 'video',
      baseline: true,
    });
    expect(line).toBe(`${'a'.repeat(32)};;;3;Yes;No;Yes;"x;y";2;No;Video;Yes`);
    expect(hashListLine('pdq-quality', { mediaId: 3, md5: null, sha1: null, pdq: 'b'.repeat(64), pdqQuality: 80 } as never)).toBe(`${'b'.repeat(64)},80,3`);
  });
});

describe('bank PDQ index (the matching PdqIndex)', () => {
  it('finds exactly what a linear scan finds within the threshold', () => {
    const idx = new BankPdqIndex();
    const hashes: string[] = [];
    for (let i = 0; i < 3000; i++) hashes.push(randomBytes(32).toString('hex'));
    // Near neighbours of the first hashes: flip k random bits.
    const flip = (hex: string, k: number) => {
      const b = Buffer.from(hex, 'hex');
      const bits = new Set<number>();
      while (bits.size < k) bits.add(Math.floor(Math.random() * 256));
      for (const bit of bits) b[bit >> 3]! ^= 1 << (bit & 7);
      return b.toString('hex');
    };
    for (let i = 0; i < 50; i++) hashes.push(flip(hashes[i]!, 1 + (i % 40)));
    hashes.forEach((h, i) => idx.index.add(i + 1, h));
    for (let q = 0; q < 60; q++) {
      const query = q < 50 ? hashes[q]! : randomBytes(32).toString('hex');
      for (const t of [0, 10, 31, 45]) {
        const expected = hashes
          .map((h, i) => ({ id: i + 1, distance: pdqDistance(h, query) }))
          .filter((x) => x.distance <= t)
          .sort((a, b) => a.distance - b.distance || a.id - b.id);
        expect(idx.search(query, t)).toEqual(expected);
      }
    }
    idx.remove(1);
    expect(idx.search(hashes[0]!, 0).map((h) => h.id)).not.toContain(1);
  });
});
