// Media metadata read: hashes, dimensions, EXIF camera/date/GPS, series; visible media only; audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { auditRows, insertMedia } from '../series/test-media.js';

let sys: TestSystem;
const FR = 'fr.investigator@demo.icse',
  DE = 'de.analyst@demo.icse',
  BR = 'br.investigator@demo.icse';
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => {
  await sys?.close();
});

describe('media metadata', () => {
  it('shows hashes, dimensions, EXIF and series to those who may see the medium', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Metadata' } })).json();
    const m = await insertMedia(sys.ctx.db, {
      ownerEmail: FR,
      distribution: 'countries',
      sharedWith: ['DE'],
      seriesId: s.id,
      width: 1024,
      height: 768,
      cameraMake: 'Apple',
      cameraModel: 'iPhone 12',
      cameraSerial: 'C39X',
      capturedAt: '2024-07-01T08:30:00Z',
      gps: [48.8566, 2.3522],
      exif: { Make: 'Apple', Model: 'iPhone 12', Orientation: 1 },
    });
    const r = await sys.api('GET', `/api/v1/media/${m.id}`, { as: DE });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      id: m.id,
      sha256: m.sha256,
      md5: m.md5,
      sha1: m.sha1,
      pdq: m.pdq,
      width: 1024,
      height: 768,
      format: 'jpeg',
      sizeBytes: 12345,
      camera: { make: 'Apple', model: 'iPhone 12', serial: 'C39X' },
      capturedAt: '2024-07-01T08:30:00.000Z',
      gps: { lat: 48.8566, lon: 2.3522 },
      exif: { Make: 'Apple', Orientation: 1 },
      series: { id: s.id, number: s.number, name: 'Metadata' },
      links: [],
      commentsCount: 0,
      categorisation: { consensus: null, status: 'pending', votes: [] },
      ownerCountry: 'FR',
      thumbnail: null,
    });
    const denied = await sys.api('GET', `/api/v1/media/${m.id}`, { as: BR });
    expect(denied.statusCode).toBe(404);
    expect(denied.body).not.toContain(m.sha256);
    expect((await sys.api('GET', '/api/v1/media/99999999', { as: DE })).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${m.id}`, { as: 'dpo@demo.icse' })).statusCode).toBe(403);
    expect((await auditRows(sys.ctx.db, 'media.read', m.id)).map((a) => a.actor_email)).toEqual([DE]);
  });

  it('hides the series of a medium when the series is restricted', async () => {
    const s = (await sys.api('POST', '/api/v1/series', { as: FR, body: { name: 'Restricted series', distribution: 'agency' } })).json();
    const m = await insertMedia(sys.ctx.db, { ownerEmail: FR, seriesId: s.id });
    const body = (await sys.api('GET', `/api/v1/media/${m.id}`, { as: DE })).json();
    expect(body.series).toBeNull();
    expect(body.seriesId).toBeNull();
    expect((await sys.api('GET', `/api/v1/search?sha256=${m.sha256}`, { as: DE })).json().media).toEqual([
      expect.objectContaining({ id: m.id, seriesId: null }),
    ]);
    expect((await sys.api('GET', `/api/v1/search?sha256=${m.sha256}`, { as: FR })).json().media).toEqual([
      expect.objectContaining({ id: m.id, seriesId: s.id }),
    ]);
    expect(JSON.stringify(body)).not.toContain('Restricted series');
  });
});
