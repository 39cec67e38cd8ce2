// Issue 14 item 13: cross-site requests with the session cookie are refused on every state-changing route;
// bearer-token clients are exempt; text/plain bodies are refused where JSON is expected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { multipartBody } from '../seizures/fixtures.js';
import { generatedImage } from '../seizures/fixtures.js';

const FR = 'fr.investigator@demo.icse';
let sys: TestSystem;
let caseId: number;
let seizureId: number;

beforeAll(async () => {
  sys = await startTestSystem();
  caseId = (await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'CSRF-1', title: 'csrf', distribution: 'country' } })).json().id;
  seizureId = (await sys.api('POST', `/api/v1/cases/${caseId}/seizures`, { as: FR, body: { label: 'target' } })).json().id;
}, 60_000);
afterAll(async () => {
  await sys?.close();
});

const HOST = 'localhost:8080';

describe('CSRF guard', () => {
  it('refuses a text/plain form from another localhost port (same site) posted into a seizure', async () => {
    const r = await sys.api('POST', `/api/v1/seizures/${seizureId}/hashes`, {
      as: FR,
      body: `md5\n${'ab'.repeat(16)}\n`,
      headers: { host: HOST, origin: 'http://localhost:5173', 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/Sec-Fetch-Site: same-site/);
    // Without the fetch metadata (an older browser), the Origin alone refuses it.
    const o = await sys.api('POST', `/api/v1/seizures/${seizureId}/hashes`, {
      as: FR,
      body: `md5\n${'ab'.repeat(16)}\n`,
      headers: { host: HOST, origin: 'http://localhost:5173', 'content-type': 'text/csv' },
    });
    expect(o.statusCode).toBe(403);
    expect(o.json().message).toMatch(/Origin: http:\/\/localhost:5173/);
    const items = (await sys.api('GET', `/api/v1/seizures/${seizureId}`, { as: FR })).json();
    expect(items.counts.items).toBe(0);
  });

  it('refuses multipart with a foreign Origin, and a JSON change from another site', async () => {
    const { body, contentType } = multipartBody([{ name: 'a.png', data: await generatedImage(1) }]);
    const m = await sys.api('POST', `/api/v1/seizures/${seizureId}/files`, {
      as: FR,
      body,
      headers: { host: HOST, 'content-type': contentType, origin: 'https://evil.example' },
    });
    expect(m.statusCode).toBe(403);
    const j = await sys.api('POST', '/api/v1/cases', {
      as: FR,
      body: { reference: 'CSRF-2', title: 'x' },
      headers: { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(j.statusCode).toBe(403);
    const n = await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'CSRF-3', title: 'x' }, headers: { host: HOST, origin: 'null' } });
    expect(n.statusCode).toBe(403);
    expect((await sys.api('GET', '/api/v1/cases?limit=200', { as: FR })).json().cases.map((c: { reference: string }) => c.reference)).not.toContain('CSRF-2');
  });

  it('lets the application itself, clients without browser headers, and bearer tokens through', async () => {
    const same = await sys.api('POST', '/api/v1/cases', {
      as: FR,
      body: { reference: 'CSRF-4', title: 'x' },
      headers: { host: HOST, origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(201);
    const originOnly = await sys.api('POST', '/api/v1/cases', {
      as: FR,
      body: { reference: 'CSRF-5', title: 'x' },
      headers: { host: HOST, origin: `http://${HOST}` },
    });
    expect(originOnly.statusCode).toBe(201);
    const plain = await sys.api('POST', '/api/v1/cases', { as: FR, body: { reference: 'CSRF-6', title: 'x' } });
    expect(plain.statusCode).toBe(201);
    const token = (await sys.api('POST', '/api/v1/auth/tokens', { as: FR, body: { name: 'script' } })).json().token;
    const bearer = await sys.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { reference: 'CSRF-7', title: 'x' },
      headers: { authorization: `Bearer ${token}`, origin: 'https://tool.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(bearer.statusCode).toBe(201);
    // Reads are not state changes.
    expect(
      (await sys.api('GET', `/api/v1/seizures/${seizureId}`, { as: FR, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a text/plain body where JSON is expected, even from the same origin', async () => {
    const r = await sys.api('POST', '/api/v1/cases', { as: FR, body: '{"reference":"CSRF-8","title":"x"}', headers: { 'content-type': 'text/plain' } });
    expect(r.statusCode).toBe(415);
    expect(r.json().message).toMatch(/application\/json/);
  });
});
