// VICS import/export (round trip into an empty database), hash-list exports with filters, bank import
// and lookup, and the HMA-compatible API, over HTTP on both databases.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { lookupBanks } from './banks.js';

const FR = 'fr.investigator@demo.icse';
const DE = 'de.investigator@demo.icse';
const FR_ANALYST = 'fr.analyst@demo.icse';
const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function multipart(file: { name: string; bytes: Buffer; field?: string }, fields: Record<string, string> = {}) {
  const boundary = `----icse${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Strips what differs between databases by construction: ids and timestamps. */
function comparable(doc: { value: Array<Record<string, unknown>> }) {
  return doc.value.map(({ CaseID: _c, SeizureDate: _s, ContactName: _n, ContactEmail: _e, Media, ...rest }) => ({
    ...rest,
    Media: (Media as Array<Record<string, unknown>>).map(({ MediaID: _m, DateUpdated: _d, ...m }) => m),
  }));
}

let sys: TestSystem;
let other: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
}, 60_000);
afterAll(async () => {
  await sys?.close();
  await other?.close();
});

let caseId: number;

describe('VICS import', () => {
  it('imports a quirky file with a per-item report and creates hash-only media', async () => {
    const up = multipart({ name: 'quirks.json', bytes: fixture('vics-2.0-quirks.json') });
    const res = await sys.api('POST', '/api/v1/interchange/vics/import', { as: FR, ...up });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ version: '2.0', scheme: 'US', entries: 6, imported: 3, reused: 0, merged: 1, rejected: 2 });
    expect(r.report).toContainEqual({ path: 'value[0].Media[3].MD5', status: 'rejected', message: 'not a 32-hex MD5' });
    expect(r.report.filter((l: { status: string }) => l.status === 'imported')).toHaveLength(3);
    caseId = r.caseIds[0];
    const c = (await sys.api('GET', `/api/v1/cases/${caseId}`, { as: FR })).json();
    expect(c).toMatchObject({ reference: 'FIXTURE-QUIRKS-1', title: 'Quirky hand-made VICS file' });
    const rows = await sql<{ md5: string; hash_only: boolean; category: number | null; owner_country: string; stored: boolean }>`
      SELECT md5, hash_only, category, owner_country, stored FROM media ORDER BY md5`.execute(sys.ctx.db);
    expect(rows.rows.map((m) => m.md5).sort()).toEqual([md5('benign-1'), md5('benign-2'), md5('benign-3')].sort());
    expect(rows.rows.every((m) => m.hash_only && !m.stored && m.owner_country === 'FR')).toBe(true);
    const items = await sql<{ path: string }>`SELECT path FROM seizure_items ORDER BY path`.execute(sys.ctx.db);
    expect(items.rows.map((i) => i.path)).toEqual(['Backup/a-copy.jpg', 'DCIM\\100\\a.jpg', 'Pictures/b.png', 'x/c.gif']);
  });

  it('answers the first report when the same file is imported into the same case again', async () => {
    const up = multipart({ name: 'quirks.json', bytes: fixture('vics-2.0-quirks.json') }, { caseId: String(caseId) });
    const res = await sys.api('POST', '/api/v1/interchange/vics/import', { as: FR, ...up });
    expect(res.statusCode).toBe(200);
    expect(res.json().alreadyImported).toBe(true);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM media`.execute(sys.ctx.db)).rows[0]!.n).toBe(3);
  });

  it('reuses known media and maps the DHS scheme', async () => {
    const res = await sys.api('POST', '/api/v1/interchange/vics/import', { as: DE, ...multipart({ name: 'dhs.json', bytes: fixture('vics-1.3-dhs.json') }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ version: '1.3', scheme: 'DHS', imported: 4 });
    const cats = await sql<{ md5: string; category: number | null }>`SELECT md5, category FROM media WHERE owner_country = 'DE' ORDER BY id`.execute(
      sys.ctx.db,
    );
    expect(cats.rows.map((c) => c.category)).toEqual([0, null, 1, 4]);
  });

  it('refuses malformed files with the path of the bad field, and non-owners of the case', async () => {
    for (const [name, pathRe] of [
      ['vics-malformed-media.json', /value\[0\]\.Media: expected an array/],
      ['vics-not-vics.json', /odata/],
      ['vics-truncated.json', /not valid JSON/],
    ] as const) {
      const res = await sys.api('POST', '/api/v1/interchange/vics/import', { as: FR, ...multipart({ name, bytes: fixture(name) }) });
      expect(res.statusCode, name).toBe(400);
      expect(res.json().message).toMatch(pathRe);
    }
    const notOwner = await sys.api('POST', '/api/v1/interchange/vics/import', {
      as: DE,
      ...multipart({ name: 'q.json', bytes: fixture('vics-2.0-quirks.json') }, { caseId: String(caseId) }),
    });
    expect(notOwner.statusCode).toBe(404); // FR's case is not visible to DE
  });
});

describe('VICS export and round trip', () => {
  it('exports a case as VICS 2.0 and an empty database re-exports the same content', async () => {
    // Give one medium database knowledge: a series with an identified victim.
    const fr = await sql<{ id: number; agency: number }>`SELECT u.id, u.agency_id AS agency FROM users u WHERE email = ${FR}`.execute(sys.ctx.db);
    const s = await sql<{
      id: number;
    }>`INSERT INTO series (number, name, owner_country, owner_agency_id) VALUES ('S-T-1', 'Known Series', 'FR', ${fr.rows[0]!.agency}) RETURNING id`.execute(
      sys.ctx.db,
    );
    await sql`INSERT INTO victims (series_id, label, identified, owner_country, owner_agency_id) VALUES (${s.rows[0]!.id}, 'V1', true, 'FR', ${fr.rows[0]!.agency})`.execute(
      sys.ctx.db,
    );
    await sql`UPDATE media SET series_id = ${s.rows[0]!.id} WHERE md5 = ${md5('benign-2')}`.execute(sys.ctx.db);

    const res = await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics`, { as: FR });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc['@odata.context']).toBe('http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Cases');
    const media = doc.value[0].Media;
    expect(doc.value[0].TotalMediaFiles).toBe(media.length);
    expect(media).toHaveLength(3);
    const b2 = media.find((m: { MD5: string }) => m.MD5 === md5('benign-2').toUpperCase());
    expect(b2).toMatchObject({ Series: 'Known Series', VictimIdentified: true });
    expect(b2.AlternativeHashes).toContainEqual({ HashName: 'PDQ', HashValue: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const b1 = media.find((m: { MD5: string }) => m.MD5 === md5('benign-1').toUpperCase());
    expect(b1).toMatchObject({ Category: 1, Series: 'Fixture Series A', VictimIdentified: true, IsDistributed: true, MimeType: 'image/jpeg' });
    expect(b1.MediaFiles.map((f: { FileName: string }) => f.FileName).sort()).toEqual(['a-copy.jpg', 'a.jpg']);

    const v13 = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics?version=1.3&scheme=US`, { as: FR })).json();
    expect(v13['odata.metadata']).toBe('http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases');
    expect(comparable(v13)).toEqual(comparable(doc));
    // 1.3 defaults to the DHS numbering it was read in: uncategorised is 0 there.
    const dhs = (await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics?version=1.3`, { as: FR })).json();
    expect(dhs.value[0].Media.map((m: { Category: number }) => m.Category).sort()).toEqual([0, 0, 1]);

    other = await startTestSystem();
    const imp = await other.api('POST', '/api/v1/interchange/vics/import', {
      as: FR,
      ...multipart({ name: 'export.json', bytes: Buffer.from(JSON.stringify(doc)) }),
    });
    expect(imp.statusCode, imp.body).toBe(201);
    expect(imp.json()).toMatchObject({ imported: 3, rejected: 0, merged: 0 });
    const again = (await other.api('GET', `/api/v1/interchange/cases/${imp.json().caseIds[0]}/vics`, { as: FR })).json();
    expect(comparable(again)).toEqual(comparable(doc));
  }, 60_000);

  it('does not export a case to a caller who may not see it, and audits exports', async () => {
    expect((await sys.api('GET', `/api/v1/interchange/cases/${caseId}/vics`, { as: DE })).statusCode).toBe(404);
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'vics.export' AND object_id = ${String(caseId)}`.execute(
      sys.ctx.db,
    );
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});

describe('hash-list export', () => {
  it('exports ICSE CSV, PDQ, MD5 and SHA-1 lists of visible media, with filters', async () => {
    const icse = await sys.api('GET', '/api/v1/interchange/hashes?format=icse', { as: FR });
    expect(icse.statusCode).toBe(200);
    const lines = icse.body.trim().split('\n');
    expect(lines[0]).toBe(
      'MD5;SHA1;PhotoDNA;Image ID;Is distributed;Victim identified;Offender identified;Series name;Number of submissions;File Available;Media Type;Baseline',
    );
    expect(lines).toHaveLength(1 + 7); // 3 FR media + 4 DE media (distribution all)
    const b2 = lines.find((l) => l.startsWith(md5('benign-2')))!.split(';');
    expect(b2.slice(5, 8)).toEqual(['Yes', 'No', 'Known Series']);

    // Victim identified: benign-2 by database knowledge, benign-1 as its VICS import claimed (the VICS export says so too).
    const identified = (await sys.api('GET', '/api/v1/interchange/hashes?format=md5&victimIdentified=true', { as: FR })).body.trim().split('\n');
    expect(identified.sort()).toEqual([md5('benign-1'), md5('benign-2')].sort());
    await sql`UPDATE series SET baseline = true WHERE number = 'S-T-1'`.execute(sys.ctx.db);
    expect((await sys.api('GET', '/api/v1/interchange/hashes?format=md5&baseline=true', { as: FR })).body.trim()).toBe(md5('benign-2'));
    const pdq = (await sys.api('GET', '/api/v1/interchange/hashes?format=pdq-quality', { as: FR })).body.trim().split('\n');
    expect(pdq).toHaveLength(2);
    expect(pdq.find((l) => l.split(',')[1] === '87')).toBeTruthy();
    const sha1 = (await sys.api('GET', '/api/v1/interchange/hashes?format=sha1', { as: FR })).body.trim().split('\n');
    expect(sha1).toEqual([createHash('sha1').update('benign-1').digest('hex')]);

    // Visibility: agency-only media of DE are not in FR's list.
    await sql`UPDATE media SET distribution = 'agency' WHERE owner_country = 'DE'`.execute(sys.ctx.db);
    const frList = (await sys.api('GET', '/api/v1/interchange/hashes?format=md5', { as: FR })).body.trim().split('\n');
    expect(frList).not.toContain(md5('dhs-1'));
    expect((await sys.api('GET', '/api/v1/interchange/hashes?format=md5', { as: DE })).body).toContain(md5('dhs-1'));
    const audit = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hashlist.export'`.execute(sys.ctx.db);
    expect(audit.rows[0]!.n).toBeGreaterThanOrEqual(6);
    expect((await sys.api('GET', '/api/v1/interchange/hashes?format=xml', { as: FR })).statusCode).toBe(400);
  });
});

describe('banks', () => {
  const pdqList = () =>
    fixture('hotline-pdq.txt')
      .toString()
      .split('\n')
      .filter((l) => /^[0-9a-f]{64},/.test(l))
      .map((l) => l.split(',')[0]!);
  const flip = (hex: string, bits: number[]) => {
    const b = Buffer.from(hex, 'hex');
    for (const i of bits) b[i >> 3]! ^= 1 << (i & 7);
    return b.toString('hex');
  };

  it('imports hash lists into named banks, kept apart from media, idempotently', async () => {
    const r1 = await sys.api('POST', '/api/v1/interchange/banks/HOTLINE_A/import', {
      as: FR_ANALYST,
      ...multipart({ name: 'hotline-icse.csv', bytes: fixture('hotline-icse.csv') }, { create: 'true' }),
    });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ bank: 'HOTLINE_A', format: 'icse', added: 3, rejected: [{ line: 4 }] });
    const r2 = await sys.api('POST', '/api/v1/interchange/banks/HOTLINE_A/import', {
      as: FR_ANALYST,
      ...multipart({ name: 'hotline-pdq.txt', bytes: fixture('hotline-pdq.txt') }),
    });
    expect(r2.json()).toMatchObject({ added: 2, alreadyPresent: 0 });
    const r3 = await sys.api('POST', '/api/v1/interchange/banks/HOTLINE_A/import', {
      as: FR_ANALYST,
      ...multipart({ name: 'hotline-pdq.txt', bytes: fixture('hotline-pdq.txt') }),
    });
    expect(r3.json()).toMatchObject({ added: 0, alreadyPresent: 2 });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM media WHERE md5 = ${md5('hot-1')}`.execute(sys.ctx.db)).rows[0]!.n).toBe(0);
    const missing = await sys.api('POST', '/api/v1/interchange/banks/NOPE/import', {
      as: FR_ANALYST,
      ...multipart({ name: 'x.txt', bytes: fixture('hotline-pdq.txt') }),
    });
    expect(missing.statusCode).toBe(404);
  });

  it('looks up exact and near PDQ matches (lookupBanks for triage)', async () => {
    const [p1] = pdqList();
    const near = flip(p1!, [3, 77, 140, 200, 255]);
    const res = await sys.api('POST', '/api/v1/interchange/banks/lookup', { as: FR, body: { pdq: near } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().matches).toEqual([expect.objectContaining({ bank: 'HOTLINE_A', distance: 5, matchedOn: 'pdq' })]);
    const exact = await sys.ctx.db.transaction().execute((trx) => lookupBanks(sys.ctx, trx, { md5: md5('hot-2').toUpperCase() }));
    expect(exact).toEqual([expect.objectContaining({ bank: 'HOTLINE_A', distance: 0, matchedOn: 'md5' })]);
    const far = flip(
      p1!,
      Array.from({ length: 40 }, (_, i) => i * 6),
    );
    expect((await sys.api('POST', '/api/v1/interchange/banks/lookup', { as: FR, body: { pdq: far } })).json().matches).toEqual([]);
  });
});

describe('HMA-compatible API', () => {
  let token: string;
  const hma = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    sys.app.inject({ method, url: `/api/v1/hma${url}`, payload: body as string, headers: { authorization: `Bearer ${token}`, ...headers } });

  it('authenticates with bearer tokens and lists banks', async () => {
    const t = await sys.api('POST', '/api/v1/auth/tokens', { as: FR_ANALYST, body: { name: 'hma-client' } });
    token = t.json().token;
    const banks = await hma('GET', '/c/banks');
    expect(banks.statusCode).toBe(200);
    expect(banks.json()).toContainEqual(expect.objectContaining({ name: 'HOTLINE_A', matching_enabled_ratio: 1 }));
    expect((await hma('GET', '/c/bank/HOTLINE_A')).json()).toMatchObject({ name: 'HOTLINE_A', matching_enabled_ratio: 1 });
    expect((await hma('GET', '/c/bank/NOPE')).statusCode).toBe(404);
    expect((await sys.app.inject({ method: 'GET', url: '/api/v1/hma/c/banks', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
  });

  it('creates banks, adds signals, looks them up in HMA shapes', async () => {
    const created = await hma('POST', '/c/banks', { name: 'TEST_BANK' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'TEST_BANK', matching_enabled_ratio: 1 });
    expect((await hma('POST', '/c/banks', { name: 'lower case' })).statusCode).toBe(400);
    const pdq = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
    const added = await hma('POST', '/c/bank/TEST_BANK/signal', { pdq });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toEqual({ id: expect.any(Number), signals: { pdq } });
    const id = added.json().id;

    const lookup = await hma('GET', `/m/lookup?signal=${pdq}&signal_type=pdq`);
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toEqual({ TEST_BANK: [{ bank_content_id: id, distance: '0' }] });
    const raw = await hma('GET', `/m/raw_lookup?signal=${pdq}&signal_type=pdq`);
    expect(raw.json()).toEqual({ matches: [id] });
    expect((await hma('GET', `/m/raw_lookup?signal=${pdq}&signal_type=pdq&include_distance=true`)).json()).toEqual({
      matches: [{ bank_content_id: id, distance: '0' }],
    });
    expect((await hma('GET', '/m/lookup?signal=abc&signal_type=pdq')).statusCode).toBe(400);
    expect((await hma('GET', `/m/lookup?signal=${pdq}&signal_type=tmk`)).json().message).toMatch(/No such SignalType/);

    // Media the caller may see answer under ICSE_MEDIA.
    const mediaMd5 = md5('benign-1');
    const mediaId = (await sql<{ id: number }>`SELECT id FROM media WHERE md5 = ${mediaMd5}`.execute(sys.ctx.db)).rows[0]!.id;
    expect((await hma('GET', `/m/lookup?signal=${mediaMd5}&signal_type=video_md5`)).json()).toEqual({
      ICSE_MEDIA: [{ bank_content_id: 1e12 + mediaId, distance: '0' }],
    });

    const content = await hma('GET', `/c/bank/TEST_BANK/content/${id}?include_signals=true`);
    expect(content.json()).toMatchObject({ id, bank: { name: 'TEST_BANK', matching_enabled_ratio: 1 }, disable_until_ts: 1, signals: { pdq } });
    expect((await hma('PUT', '/c/bank/TEST_BANK', { enabled: false })).json()).toMatchObject({ matching_enabled_ratio: 0 });
    expect((await hma('GET', `/m/lookup?signal=${pdq}&signal_type=pdq`)).json()).toEqual({});
    expect((await hma('GET', `/m/raw_lookup?signal=${pdq}&signal_type=pdq`)).json()).toEqual({ matches: [id] });
    expect((await hma('DELETE', `/c/bank/TEST_BANK/content/${id}`)).json()).toEqual({ deleted: 1 });
    expect((await hma('GET', `/m/raw_lookup?signal=${pdq}&signal_type=pdq`)).json()).toEqual({ matches: [] });
    expect((await hma('DELETE', '/c/bank/TEST_BANK')).json()).toEqual({ message: 'Done' });
    expect((await hma('POST', '/m/compare', { pdq: [pdq, pdq] })).json()).toEqual({ pdq: [true, { distance: 0 }] });
    expect((await hma('GET', '/m/index/status')).json().pdq).toMatchObject({ present: true, size: 2 });
  });

  it('hashes uploaded photos, refuses URLs, and looks files up', async () => {
    const sharp = (await import('sharp')).default;
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128"><rect width="128" height="128" fill="#246"/><circle cx="50" cy="60" r="30" fill="#fc3"/><rect x="80" y="20" width="30" height="90" fill="#c33"/></svg>',
    );
    const png = await sharp(svg).png().toBuffer();
    const up = multipart({ name: 'p.png', bytes: png, field: 'photo' });
    const h = await hma('POST', '/h/hash', up.body, up.headers);
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toEqual({ pdq: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const url = await hma('GET', '/h/hash?url=http://example.org/a.jpg');
    expect(url.statusCode).toBe(400);
    expect(url.json().message).toMatch(/never fetches URLs/);
    expect((await hma('GET', `/m/lookup?url=http://example.org/a.jpg`)).statusCode).toBe(400);
    const added = await hma('POST', '/c/bank/HOTLINE_A/content', up.body, up.headers);
    expect(added.statusCode, added.body).toBe(200);
    const lookup = await hma('POST', '/m/lookup', up.body, up.headers);
    expect(lookup.json()).toEqual({ pdq: { HOTLINE_A: [{ bank_content_id: added.json().id, distance: '0' }] } });
    const empty = await hma('POST', '/h/hash', 'x', { 'content-type': 'text/plain' });
    // HMA answers 400; the request guards (src/http/guards.ts) refuse a text/plain POST earlier with 415.
    expect([400, 415]).toContain(empty.statusCode);
  });

  it('lets only curators change banks', async () => {
    const t = await sys.api('POST', '/api/v1/auth/tokens', { as: FR, body: { name: 'investigator-client' } });
    const res = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/hma/c/banks',
      payload: { name: 'X_BANK' },
      headers: { authorization: `Bearer ${t.json().token}` },
    });
    expect(res.statusCode).toBe(403);
    const de = await sys.api('POST', '/api/v1/auth/tokens', { as: 'de.analyst@demo.icse', body: { name: 'de' } });
    const del = await sys.app.inject({ method: 'DELETE', url: '/api/v1/hma/c/bank/HOTLINE_A', headers: { authorization: `Bearer ${de.json().token}` } });
    expect(del.statusCode).toBe(403);
  });
});
