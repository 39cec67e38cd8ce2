// Exchange formats as the field's readers load them (issue 16). Each block states the peer's rule, read from
// its public source (cited in docs/interop.md), and checks ICSE's bytes against it with vectors made here.
//  - IPED HashDBTool (iped-engine/src/main/java/iped/engine/hashdb/HashDBTool.java, readProjectVic/checkDataModel);
//  - python-threatexchange file exchange (threatexchange/exchanges/impl/file_api.py, LocalFileSignalExchangeAPI.fetch_iter)
//    and PdqSignal.validate_signal_str (^[0-9a-f]{64}$).
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashListLine, parseHashList, type HashListRow } from './hashlist.js';
import { categoryForScheme, parseVics, vicsContext } from './vics-parse.js';
import { writeVics, type ExportCase, type ExportMedia } from './vics-write.js';

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

const IPED_MODELS = [
  ['odata.metadata', 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media'],
  ['@odata.context', 'http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media'],
] as const;

/**
 * IPED's ProjectVic reading rules, restated: the root's first field must be one of the two data models
 * (key and value compared ignoring case), the next field must be named exactly "value", and nothing may
 * follow; inside each Media (array depth 1) Category is read as an int (else -1), MD5/SHA1 as text that is
 * trim()med (a null or non-string value throws), an object value at depth 1 would restart the record;
 * PhotoDNA is kept at 192 base64 characters, at media level or as HashName/HashValue at depth 2; a record
 * is kept when it has a valid hash and at least one property.
 */
function ipedRead(text: string): Array<{ md5?: string; sha1?: string; category?: number; photoDna: string[]; props: string[] }> {
  const root = JSON.parse(text) as Record<string, unknown>;
  const keys = Object.keys(root);
  const ok = IPED_MODELS.some(([k, v]) => keys[0]?.toLowerCase() === k.toLowerCase() && String(root[keys[0]!]).toLowerCase() === v.toLowerCase());
  if (!ok) throw new Error('Error: Unknown ProjectVic JSON data model!');
  if (keys[1] !== 'value') throw new Error(`Error: Unexpected property in ProjectVic JSON '${keys[1]}'.`);
  if (keys.length > 2) throw new Error('Error: Unknown ProjectVic JSON data model!');
  const out: ReturnType<typeof ipedRead> = [];
  for (const m of root.value as Array<Record<string, unknown>>) {
    const rec = { photoDna: [] as string[], props: [] as string[] } as ReturnType<typeof ipedRead>[number];
    let hasHash = false;
    for (const [k, v] of Object.entries(m)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) throw new Error(`${k}: an object at depth 1 restarts the record`);
      if (k === 'Category') {
        const c = Number.isInteger(v) ? (v as number) : -1;
        if (c >= 0) {
          rec.category = c;
          rec.props.push('vicCategory');
        }
      } else if (k.toLowerCase() === 'md5' || k.toLowerCase() === 'sha1') {
        if (typeof v !== 'string') throw new Error(`NullPointerException: ${k} is ${JSON.stringify(v)}`);
        const h = v.trim();
        if (/^[0-9a-fA-F]+$/.test(h) && h.length === (k.toLowerCase() === 'md5' ? 32 : 40)) {
          rec[k.toLowerCase() as 'md5' | 'sha1'] = h.toLowerCase();
          hasHash = true;
        }
      } else if (k.toLowerCase() === 'photodna') {
        if (typeof v === 'string' && v.trim().length === 192) rec.photoDna.push(v.trim());
      } else if (['victimidentified', 'offenderidentified', 'isdistributed', 'series', 'isprecategorized', 'tags'].includes(k.toLowerCase())) {
        if (typeof v === 'boolean' || (typeof v === 'string' && v.trim())) rec.props.push(`vic${k}`);
      } else if (Array.isArray(v)) {
        for (const h of v as Array<Record<string, unknown>>) {
          if (h && String(h.HashName ?? '').toLowerCase() === 'photodna' && typeof h.HashValue === 'string' && h.HashValue.trim().length === 192)
            rec.photoDna.push(h.HashValue.trim());
        }
      }
    }
    if (rec.photoDna.length) rec.props.push('photoDna');
    if (hasHash && rec.props.length) out.push(rec);
  }
  return out;
}

const PDNA = 'Q'.repeat(190) + '==';
const vector: ExportMedia = {
  mediaId: 12,
  vicsMediaId: null,
  md5: md5('vector-1'),
  sha1: null,
  sha256: null,
  pdq: 'c'.repeat(64),
  photoDna: PDNA,
  otherHashes: [],
  category: 0,
  size: 321,
  victimIdentified: true,
  offenderIdentified: false,
  isDistributed: true,
  series: 'Vector',
  tags: null,
  comments: null,
  mimeType: 'image/png',
  dateUpdated: '2024-01-02T03:04:05.000Z',
  files: [{ fileName: 'v.png', filePath: 'pics/' }],
  exifs: {},
};
const vcase = (media: ExportMedia[]): ExportCase => ({
  caseId: '1',
  caseNumber: 'C-1',
  title: 'T',
  contactOrganization: 'O',
  contactName: 'N',
  contactEmail: 'e@x',
  seizureDate: null,
  media,
});

describe('VICS #Media hash sets as IPED HashDBTool reads them', () => {
  it('1.3 #Media: the exact bytes (context key first, then value; DHS numbering: our 0 non-pertinent is 5; no null SHA1)', () => {
    const text = JSON.stringify(writeVics('1.3', [vcase([vector])], { entity: 'Media' }));
    expect(text).toBe(
      '{"odata.metadata":"http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media","value":[{"MediaID":12,"Category":5,' +
        `"MD5":"${md5('vector-1').toUpperCase()}","PhotoDNA":"${PDNA}","MediaSize":321,"DateUpdated":"2024-01-02T03:04:05.000Z",` +
        '"VictimIdentified":true,"OffenderIdentified":false,"IsDistributed":true,"IsPrecategorized":true,"IsSuspected":false,"Series":"Vector",' +
        '"Tags":null,"Comments":null,"MimeType":"image/png","RelativeFilePath":"pics/v.png",' +
        `"MediaFiles":[{"MD5":"${md5('vector-1').toUpperCase()}","FileName":"v.png","FilePath":"pics/","Created":null,"Written":null,"Accessed":null,"Unallocated":null,"Deleted":null}],` +
        `"Exifs":[],"AlternativeHashes":[{"HashName":"PDQ","HashValue":"${'c'.repeat(64)}"}]}]}`,
    );
    expect(ipedRead(text)).toEqual([
      {
        md5: md5('vector-1'),
        category: 5,
        photoDna: [PDNA],
        props: ['vicCategory', 'vicVictimIdentified', 'vicOffenderIdentified', 'vicIsDistributed', 'vicIsPrecategorized', 'vicSeries', 'photoDna'],
      },
    ]);
  });

  it('2.0 Default #Media is accepted; US and UK country paths are written when asked (IPED itself takes only Default)', () => {
    const media = [vector, { ...vector, mediaId: 13, md5: md5('vector-2'), sha1: sha1('vector-2'), photoDna: null, category: 1 }];
    const text = JSON.stringify(writeVics('2.0', [vcase(media)], { entity: 'Media' }));
    expect(
      text.startsWith(
        '{"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media","value":[{"MediaID":12,"Category":0,',
      ),
    ).toBe(true);
    const read = ipedRead(text);
    expect(read.map((r) => [r.md5, r.sha1, r.category])).toEqual([
      [md5('vector-1'), undefined, 0],
      [md5('vector-2'), sha1('vector-2'), 1],
    ]);
    for (const country of ['US', 'UK'] as const) {
      const doc = writeVics('2.0', [vcase(media)], { entity: 'Media', country });
      expect(Object.keys(doc)).toEqual(['@odata.context', 'value']);
      expect(doc['@odata.context']).toBe(`http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/${country}/$metadata#Media`);
      expect(() => ipedRead(JSON.stringify(doc))).toThrow(/Unknown ProjectVic JSON data model/);
    }
  });

  it('the #Cases layout is what IPED refuses (documented: use layout=media for IPED)', () => {
    expect(() => ipedRead(JSON.stringify(writeVics('2.0', [vcase([vector])], { entity: 'Cases' })))).toThrow(/Unknown ProjectVic JSON data model/);
    expect(vicsContext('1.3', 'Cases').value).toBe('http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases');
  });

  it('never writes null for a hash: an unknown SHA1 is left out (IPED trims the value and would crash on null)', () => {
    for (const v of ['1.3', '2.0'] as const)
      for (const entity of ['Media', 'Cases'] as const) {
        const text = JSON.stringify(writeVics(v, [vcase([{ ...vector, photoDna: null }])], { entity }));
        expect(text).not.toMatch(/"SHA1":null|"MD5":null|"PhotoDNA":null/);
      }
  });

  it('categories in the scheme asked for, and back: DHS <-> VICS US', () => {
    expect([null, 0, 1, 2, 3, 4].map((c) => categoryForScheme(c, 'DHS'))).toEqual([0, 5, 1, 2, 3, 4]);
    expect([null, 0, 1, 2, 3, 4].map((c) => categoryForScheme(c, 'US'))).toEqual([null, 0, 1, 2, 3, 4]);
    const media = [0, 1, 2, 3, 4, null].map((category, i) => ({ ...vector, mediaId: i + 1, md5: md5(`cat-${i}`), category }));
    const v13 = writeVics('1.3', [vcase(media)], { entity: 'Cases' });
    // A 1.3 file with a 5 is read as DHS: the categories come back as they were.
    expect(parseVics(JSON.stringify(v13)).cases[0]!.media.map((m) => m.category)).toEqual([0, 1, 2, 3, 4, null]);
    const us = writeVics('1.3', [vcase(media)], { entity: 'Cases', scheme: 'US' }) as { value: Array<{ Media: Array<{ Category: number | null }> }> };
    expect(us.value[0]!.Media.map((m) => m.Category)).toEqual([0, 1, 2, 3, 4, null]);
  });
});

describe('VICS import: every field kept or named', () => {
  it('reads PhotoDNA (media level and AlternativeHashes), MediaFiles times and flags, CaseMetadata, contacts, MediaID, relative paths', () => {
    const r = parseVics(fixture('vics-2.0-fidelity.json'));
    expect(r.scheme).toBe('Default');
    const c = r.cases[0]!;
    expect(c).toMatchObject({
      caseId: 'EXT-CASE-42',
      caseNumber: 'FIDELITY-1',
      contactPhone: '+33 1 00 00 00 00',
      contactTitle: 'Analyst',
      seizureDate: '2024-03-05T10:20:30Z',
    });
    expect(c.metadataPairs).toEqual([
      { name: 'Title', value: 'Fidelity fixture' },
      { name: 'Operation', value: 'Benign' },
      { name: 'Operation', value: 'Second value' },
    ]);
    const [a, b, d] = c.media;
    expect(a).toMatchObject({
      mediaId: 9001,
      photoDna: 'A'.repeat(190) + '==',
      relativeFilePath: 'DCIM/100/fid1.jpg',
      isPrecategorized: true,
      hasMediaFiles: true,
    });
    expect(a!.otherHashes).toEqual([{ name: 'PhotoDNA', value: 'B'.repeat(190) + '==' }]);
    expect(a!.files[0]).toEqual({
      fileName: 'fid1.jpg',
      filePath: 'DCIM/100/',
      created: '2023-01-01T01:02:03Z',
      written: '2023-01-02T01:02:03Z',
      accessed: '2023-01-03T01:02:03Z',
      unallocated: true,
      deleted: true,
    });
    expect(b).toMatchObject({ mediaId: 9002, hasMediaFiles: true, files: [], relativeFilePath: 'loose/fid2.png' });
    expect(d).toMatchObject({ mediaId: 9003, hasMediaFiles: false, files: [] });
    // What is not kept is named, field by field.
    expect(r.report.filter((l) => /not kept/.test(l.message)).map((l) => l.path)).toEqual(['value[0].UnknownCaseField', 'value[0].Media[0].VendorExtra']);
  });
});

describe("hash lists as python-threatexchange's file exchange reads them", () => {
  /** fetch_iter: each line stripped; without a configured signal_type, `type, _, signal = line.partition(" ")`. */
  function pytxRead(text: string, signalType?: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const raw of text.split(/(?<=\n)/)) {
      let type = signalType ?? '';
      let signal = raw.trim();
      if (!signalType) {
        const i = signal.indexOf(' ');
        type = i < 0 ? signal : signal.slice(0, i);
        signal = i < 0 ? '' : signal.slice(i + 1);
      }
      if (type && signal) out.push([type, signal]);
    }
    return out;
  }
  const row = (over: Partial<HashListRow>): HashListRow => ({
    mediaId: 1,
    md5: md5('x'),
    sha1: null,
    pdq: 'AB'.repeat(32),
    pdqQuality: 90,
    isDistributed: false,
    victimIdentified: false,
    offenderIdentified: false,
    seriesName: null,
    submissions: 1,
    fileAvailable: false,
    mediaType: 'image',
    baseline: false,
    ...over,
  });

  it('te: `pdq <hash>` for images and `video_md5 <md5>` for videos, lowercase, one a line', () => {
    const lines = [row({}), row({ mediaId: 2, mediaType: 'video', pdq: null, md5: md5('clip') })].map((r) => hashListLine('te', r));
    const text = lines.join('\n') + '\n';
    expect(text).toBe(`pdq ${'ab'.repeat(32)}\nvideo_md5 ${md5('clip')}\n`);
    const read = pytxRead(text);
    expect(read).toEqual([
      ['pdq', 'ab'.repeat(32)],
      ['video_md5', md5('clip')],
    ]);
    expect(read.every(([t, s]) => (t === 'pdq' ? /^[0-9a-f]{64}$/ : /^[0-9a-f]{32}$/).test(s))).toBe(true);
    // And ICSE reads its own (and pytx's report_opinion) lines back.
    const back = parseHashList(text);
    expect(back.format).toBe('te');
    expect(back.entries.map((e) => [e.pdq, e.md5])).toEqual([
      ['ab'.repeat(32), null],
      [null, md5('clip')],
    ]);
  });

  it('pdq: a bare lowercase hash a line, for a collaboration configured with signal_type=pdq', () => {
    const text =
      [row({}), row({ pdq: null })]
        .map((r) => hashListLine('pdq', r))
        .filter((l) => l !== null)
        .join('\n') + '\n';
    expect(text).toBe(`${'ab'.repeat(32)}\n`);
    expect(pytxRead(text, 'pdq')).toEqual([['pdq', 'ab'.repeat(32)]]);
    expect(parseHashList(text, { kind: 'pdq' }).entries[0]!.pdq).toBe('ab'.repeat(32));
  });

  it('pdq-quality keeps the old hash,quality,id layout for scripts that read it', () => {
    expect(hashListLine('pdq-quality', row({ mediaId: 7 }))).toBe(`${'AB'.repeat(32)},90,7`);
  });
});
