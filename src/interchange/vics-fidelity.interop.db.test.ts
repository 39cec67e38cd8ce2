// VICS round trip through the database (issue 16): every field a VICS file gives is kept and written back by the
// export, what cannot be kept is named in the import summary, and the CSV hash list and the VICS export of the
// same media agree on victim identified / offender identified / distributed / series (one definition).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

const FR = 'fr.investigator@demo.icse';
const file = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'vics-2.0-fidelity.json'));
type Obj = Record<string, unknown>;
const given = JSON.parse(file.toString()) as { value: Array<Obj & { Media: Obj[] }> };

function multipart(name: string, bytes: Buffer) {
  const boundary = `----icse${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/json\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let sys: TestSystem;
let caseId: number;
let report: Array<{ path: string; status: string; message: string }>;
beforeAll(async () => {
  sys = await startTestSystem();
  const res = await sys.api('POST', '/api/v1/interchange/vics/import', { as: FR, ...multipart('fidelity.json', file) });
  expect(res.statusCode, res.body).toBe(201);
  caseId = res.json().caseIds[0];
  report = res.json().report;
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const byMd5 = (media: Obj[]) => new Map(media.map((m) => [String(m.MD5).toUpperCase(), m]));
const sortHashes = (a: unknown) => [...(a as Array<{ HashName: string; HashValue: string }>)].sort((x, y) => x.HashName.localeCompare(y.HashName));

describe('VICS import -> export keeps every field', () => {
  it('the import summary names each field it could not keep', () => {
    expect(report.filter((l) => /not kept/.test(l.message)).map((l) => l.path)).toEqual(['value[0].UnknownCaseField', 'value[0].Media[0].VendorExtra']);
  });

  it('case header: CaseID, CaseNumber, contacts, SeizureDate and every CaseMetadata pair as given', async () => {
    const doc = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics`, { as: FR })).json();
    const c = doc.value[0];
    for (const k of [
      'CaseID',
      'CaseNumber',
      'ContactOrganization',
      'ContactName',
      'ContactEmail',
      'ContactPhone',
      'ContactTitle',
      'SeizureDate',
      'CaseMetadata',
      'TotalMediaFiles',
      'TotalPrecategorized',
    ]) {
      expect(c[k], k).toEqual(given.value[0]![k]);
    }
  });

  it('media: MediaID, PhotoDNA (both places), MediaFiles times and flags, relative paths, flags and no made-up MediaFile', async () => {
    const doc = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics`, { as: FR })).json();
    const out = byMd5(doc.value[0].Media);
    for (const [md5, g] of byMd5(given.value[0]!.Media)) {
      const m = out.get(md5)!;
      expect(m, md5).toBeDefined();
      for (const k of [
        'MediaID',
        'Category',
        'SHA1',
        'PhotoDNA',
        'MediaSize',
        'DateUpdated',
        'VictimIdentified',
        'OffenderIdentified',
        'IsDistributed',
        'IsPrecategorized',
        'IsSuspected',
        'Series',
        'Tags',
        'Comments',
        'MimeType',
        'RelativeFilePath',
        'MediaFiles',
        'Exifs',
      ]) {
        if (k in g) expect(m[k], `${md5}.${k}`).toEqual(g[k]);
      }
      // A hash never known is left out rather than written null; no MediaFile is invented for an entry that had none.
      if (!('SHA1' in g)) expect('SHA1' in m).toBe(false);
      if (!('MediaFiles' in g)) expect(m.MediaFiles).toEqual([]);
      if (g.AlternativeHashes) expect(sortHashes(m.AlternativeHashes)).toEqual(sortHashes(g.AlternativeHashes));
    }
  });

  it('re-importing the export into the same case is recognised; its #Media form keeps PhotoDNA for IPED', async () => {
    const media = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics?layout=media&version=1.3`, { as: FR })).json();
    expect(Object.keys(media)).toEqual(['odata.metadata', 'value']);
    expect(media['odata.metadata']).toBe('http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Media');
    const first = media.value.find((m: Obj) => m.MediaID === 9001);
    expect(first.PhotoDNA).toBe('A'.repeat(190) + '==');
    expect(first.AlternativeHashes).toContainEqual({ HashName: 'PhotoDNA', HashValue: 'B'.repeat(190) + '==' });
    const uk = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics?layout=media&country=UK`, { as: FR })).json();
    expect(uk['@odata.context']).toBe('http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/UK/$metadata#Media');
  });
});

describe('one source of truth for the exchange flags', () => {
  it('the ICSE CSV hash list and the VICS export say the same of each medium', async () => {
    const doc = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics`, { as: FR })).json();
    const csv = (await sys.api('GET', `/api/v1/interchange/hashes?format=icse&caseId=${caseId}`, { as: FR })).body.trim().split('\n').slice(1);
    expect(csv).toHaveLength(3);
    const yes = (b: unknown) => (b === true ? 'Yes' : 'No');
    for (const line of csv) {
      const [md5, , , , distributed, victim, offender, series] = line.split(';');
      const m = byMd5(doc.value[0].Media).get(md5!.toUpperCase())!;
      expect([distributed, victim, offender, series ?? ''], md5).toEqual([
        yes(m.IsDistributed),
        yes(m.VictimIdentified),
        yes(m.OffenderIdentified),
        (m.Series as string | null) ?? '',
      ]);
    }
    // The flags the file gave are the ones both exports carry.
    const fid1 = csv.find((l) => l.startsWith(String(given.value[0]!.Media[0]!.MD5).toLowerCase()))!.split(';');
    expect(fid1.slice(4, 8)).toEqual(['Yes', 'Yes', 'No', 'Fidelity Series']);
  });
});
