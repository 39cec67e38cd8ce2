// Contract tests of the HMA-compatible API against OpenMediaMatch 1.1.7 (tag hma-v1.1.7 of facebook/ThreatExchange,
// hasher-matcher-actioner/src/OpenMediaMatch/blueprints/{matching,curation}.py and app.py; docs/hma.md):
// one test per route, each stating the HMA request and the response HMA gives for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';

const ANALYST = 'fr.analyst@demo.icse';
const PDQ_A = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const PDQ_B = '0'.repeat(32) + 'f'.repeat(32);
let sys: TestSystem;
let token: string;
const hma = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  sys.app.inject({ method, url: `/api/v1/hma${url}`, payload: body as string, headers: { authorization: `Bearer ${token}`, ...headers } });
let idA: number;
let idB: number;

beforeAll(async () => {
  sys = await startTestSystem();
  token = (await sys.api('POST', '/api/v1/auth/tokens', { as: ANALYST, body: { name: 'hma-contract' } })).json().token;
  expect((await hma('POST', '/c/banks', { name: 'BANK_ONE' })).statusCode).toBe(201);
  expect((await hma('POST', '/c/banks', { name: 'BANK_TWO' })).statusCode).toBe(201);
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

describe('HMA 1.1.7 routes', () => {
  it('POST /c/bank/BANK_ONE/signal {"pdq": A, "note": "seed"} -> {"id", "signals": {"pdq": A}}; a note over 255 chars -> 400', async () => {
    const r = await hma('POST', '/c/bank/BANK_ONE/signal', { pdq: PDQ_A, note: 'seed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ id: expect.any(Number), signals: { pdq: PDQ_A } });
    idA = r.json().id;
    idB = (await hma('POST', '/c/bank/BANK_TWO/signal', { pdq: PDQ_B })).json().id;
    expect((await hma('POST', '/c/bank/BANK_ONE/signal', { pdq: PDQ_B, note: 'x'.repeat(256) })).statusCode).toBe(400);
  });

  it('GET /c/bank/BANK_ONE/content/{id} -> BankContentResponse {id, disable_until_ts: 1, original_media_uri: null, bank, note}; signals only with include_signals=true', async () => {
    expect((await hma('GET', `/c/bank/BANK_ONE/content/${idA}`)).json()).toEqual({
      id: idA,
      disable_until_ts: 1,
      original_media_uri: null,
      bank: { name: 'BANK_ONE', matching_enabled_ratio: 1 },
      note: 'seed',
    });
    expect((await hma('GET', `/c/bank/BANK_ONE/content/${idA}?include_signals=true`)).json().signals).toEqual({ pdq: PDQ_A });
  });

  it('GET /m/lookup?signal=A&signal_type=pdq&banks=BANK_TWO -> {} (banks= restricts); banks=BANK_ONE -> {"BANK_ONE": [{bank_content_id, distance: "0"}]}', async () => {
    expect((await hma('GET', `/m/lookup?signal=${PDQ_A}&signal_type=pdq&banks=BANK_TWO`)).json()).toEqual({});
    expect((await hma('GET', `/m/lookup?signal=${PDQ_A}&signal_type=pdq&banks=BANK_ONE,BANK_TWO`)).json()).toEqual({
      BANK_ONE: [{ bank_content_id: idA, distance: '0' }],
    });
  });

  it('GET /m/raw_lookup?signal=B&signal_type=pdq&banks=BANK_ONE -> {"matches": []}; banks=BANK_TWO -> {"matches": [idB]}', async () => {
    expect((await hma('GET', `/m/raw_lookup?signal=${PDQ_B}&signal_type=pdq&banks=BANK_ONE`)).json()).toEqual({ matches: [] });
    expect((await hma('GET', `/m/raw_lookup?signal=${PDQ_B}&signal_type=pdq&banks=BANK_TWO`)).json()).toEqual({ matches: [idB] });
  });

  it('PUT /c/bank/BANK_ONE/content/{id} {"disable_until_ts": 0, "note": "paused"} -> the content config; lookup then skips it, raw_lookup still lists it', async () => {
    const r = await hma('PUT', `/c/bank/BANK_ONE/content/${idA}`, { disable_until_ts: 0, note: 'paused' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      id: idA,
      disable_until_ts: 0,
      collab_metadata: {},
      original_media_uri: null,
      bank: { name: 'BANK_ONE', matching_enabled_ratio: 1 },
      user_metadata: null,
      note: 'paused',
    });
    expect((await hma('GET', `/m/lookup?signal=${PDQ_A}&signal_type=pdq`)).json()).toEqual({});
    expect((await hma('GET', `/m/raw_lookup?signal=${PDQ_A}&signal_type=pdq`)).json()).toEqual({ matches: [idA] });
    // A time in the past re-enables it; a time over 5 years ahead or negative is refused.
    expect((await hma('PUT', `/c/bank/BANK_ONE/content/${idA}`, { disable_until_ts: 1000 })).statusCode).toBe(200);
    expect((await hma('GET', `/m/lookup?signal=${PDQ_A}&signal_type=pdq`)).json()).toEqual({ BANK_ONE: [{ bank_content_id: idA, distance: '0' }] });
    expect((await hma('PUT', `/c/bank/BANK_ONE/content/${idA}`, { disable_until_ts: -1 })).statusCode).toBe(400);
    expect((await hma('PUT', `/c/bank/BANK_ONE/content/${idA}`, { disable_until_ts: Math.floor(Date.now() / 1000) + 6 * 365 * 86400 })).statusCode).toBe(400);
    expect((await hma('PUT', `/c/bank/BANK_ONE/content/999999`, { note: 'x' })).statusCode).toBe(404);
  });

  it('POST /c/bank/BANK_TWO/content (multipart photo + metadata + note) -> {"id", "signals"}; GET shows metadata and note', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#246' } })
      .composite([
        {
          input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="15" fill="#fc3"/></svg>'),
          left: 5,
          top: 9,
        },
      ])
      .png()
      .toBuffer();
    const boundary = '----hmacontract';
    const field = (k: string, v: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    const body = Buffer.concat([
      Buffer.from(field('metadata', JSON.stringify({ content_id: 'ext-7', content_uri: 'https://example.org/ext-7' })) + field('note', 'from contract')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await hma('POST', '/c/bank/BANK_TWO/content', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(r.statusCode, r.body).toBe(200);
    const got = (await hma('GET', `/c/bank/BANK_TWO/content/${r.json().id}`)).json();
    expect(got).toMatchObject({ metadata: { content_id: 'ext-7', content_uri: 'https://example.org/ext-7' }, note: 'from contract', disable_until_ts: 1 });
    expect((await hma('GET', `/c/bank/BANK_TWO/content/${r.json().id}?include_metadata=false`)).json().metadata).toBeUndefined();
  });

  it('POST /h/hash (photo with EXIF orientation 6) -> {"pdq"} of the pixels as stored, as HMA hashes it; ?upright=true -> the displayed image', async () => {
    const sharp = (await import('sharp')).default;
    const { hashImage } = await import('../imaging/index.js');
    const raw = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#357' } })
      .composite([
        {
          input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="50" height="30"><rect width="50" height="30" fill="#fc3"/></svg>'),
          left: 10,
          top: 5,
        },
      ])
      .raw()
      .toBuffer();
    const jpeg = await sharp(raw, { raw: { width: 120, height: 80, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const boundary = '----hmahash';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="r.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      jpeg,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const stored = (await hashImage(jpeg)).pdq.hash;
    const upright = (await hashImage(jpeg, { applyExif: true })).pdq.hash;
    expect(stored).not.toBe(upright);
    expect((await hma('POST', '/h/hash', body, headers)).json()).toEqual({ pdq: stored });
    expect((await hma('POST', '/h/hash?upright=true', body, headers)).json()).toEqual({ pdq: upright });
  });

  it('GET /c/content_type -> [{"name": "photo", "enabled": true}, {"name": "video", "enabled": true}]', async () => {
    expect((await hma('GET', '/c/content_type')).json()).toEqual([
      { name: 'photo', enabled: true },
      { name: 'video', enabled: true },
    ]);
  });

  it('GET /c/signal_type/index -> {pdq: {db_size, index_size, index_out_of_date, newest_db_item, index_built_to}, …}; ?signal_type=tmk -> 400', async () => {
    const r = (await hma('GET', '/c/signal_type/index')).json();
    expect(r.pdq).toEqual({ db_size: 3, index_size: 3, index_out_of_date: false, newest_db_item: expect.any(Number), index_built_to: r.pdq.newest_db_item });
    expect(Object.keys((await hma('GET', '/c/signal_type/index?signal_type=pdq')).json())).toEqual(['pdq']);
    expect((await hma('GET', '/c/signal_type/index?signal_type=tmk')).statusCode).toBe(400);
  });

  it('GET /c/exchanges -> []; GET /c/exchanges/apis -> []; GET /c/exchange/NCMEC -> 404; POST /c/exchanges -> 400 (no network)', async () => {
    expect((await hma('GET', '/c/exchanges')).json()).toEqual([]);
    expect((await hma('GET', '/c/exchanges/apis')).json()).toEqual([]);
    const one = await hma('GET', '/c/exchange/NCMEC');
    expect(one.statusCode).toBe(404);
    expect(one.json().message).toMatch(/Exchange 'NCMEC' not found/);
    const create = await hma('POST', '/c/exchanges', { bank: 'NCMEC', api: 'ncmec', api_json: {} });
    expect(create.statusCode).toBe(400);
    expect(create.json().message).toMatch(/does not reach the network/);
  });

  it('GET /status and /status/live -> 200 "I-AM-ALIVE"', async () => {
    for (const p of ['/status', '/status/live']) {
      const r = await hma('GET', p);
      expect([r.statusCode, r.body]).toEqual([200, 'I-AM-ALIVE']);
    }
  });

  it('ICSE_MEDIA content ids never collide with bank content ids', async () => {
    const agency = (await sql<{ id: number }>`SELECT agency_id AS id FROM users WHERE email = ${ANALYST}`.execute(sys.ctx.db)).rows[0]!.id;
    const md5 = 'ab'.repeat(16);
    const m = await sql<{
      id: number;
    }>`INSERT INTO media (sha256, md5, owner_country, owner_agency_id, hash_only) VALUES (${'cd'.repeat(32)}, ${md5}, 'FR', ${agency}, true) RETURNING id`.execute(
      sys.ctx.db,
    );
    const bankId = (await hma('POST', '/c/bank/BANK_ONE/signal', { md5 })).json().id;
    const r = (await hma('GET', `/m/lookup?signal=${md5}&signal_type=video_md5`)).json();
    expect(r).toEqual({ BANK_ONE: [{ bank_content_id: bankId, distance: '0' }], ICSE_MEDIA: [{ bank_content_id: 1e12 + m.rows[0]!.id, distance: '0' }] });
    expect(r.ICSE_MEDIA[0].bank_content_id).not.toBe(bankId);
    expect((await hma('GET', `/m/lookup?signal=${md5}&signal_type=video_md5&banks=BANK_ONE`)).json()).toEqual({
      BANK_ONE: [{ bank_content_id: bankId, distance: '0' }],
    });
  });
});
