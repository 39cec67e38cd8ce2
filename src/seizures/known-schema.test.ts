// The triage's known-match schema is an anyOf (null / restricted / known): Fastify's serializer validates the
// branch, so a stored evidence object (near.ts) that gains a key must not fail the branch and answer 500.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { knownMatch, restrictedKnown } from './routes.js';

const known = {
  restricted: false,
  matchedMediaId: 7,
  distance: 12,
  stage: 'vpdq',
  variant: null,
  otherMatches: [],
  ownerCountry: 'DE',
  series: null,
  victimIdentified: null,
  offenderIdentified: null,
};

async function serialise(value: unknown) {
  const app = Fastify();
  app.get(
    '/',
    { schema: { response: { 200: { type: 'object', properties: { known: { anyOf: [{ type: 'null' }, restrictedKnown, knownMatch] } } } } } },
    async () => ({
      known: value,
    }),
  );
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return res;
}

describe('triage known-match schema', () => {
  it('answers a known match, a restricted one and none', async () => {
    expect((await serialise(known)).json()).toEqual({ known });
    const restricted = { restricted: true, ownerCountry: 'FR', message: 'known to FR, contact its NCB (NCB Paris)' };
    expect((await serialise(restricted)).json()).toEqual({ known: restricted });
    expect((await serialise(null)).json()).toEqual({ known: null });
  });

  it('drops a key a stored evidence object gained instead of failing the answer', async () => {
    const video = {
      queryMatchPct: 80,
      comparedMatchPct: null,
      matchedFrames: 8,
      uniqueFrames: 10,
      ranges: [{ from: 0, to: 4, matchedFrom: 1, matchedTo: 5, extra: 1 }],
    };
    const res = await serialise({
      ...known,
      video: { ...video, bestDistance: 3 },
      foundInVideo: { frame: 3, timestampS: 1.5, fps: 2 },
      stillAt: { timestampS: null, note: 'x' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().known).toEqual({
      ...known,
      video: { ...video, ranges: [{ from: 0, to: 4, matchedFrom: 1, matchedTo: 5 }] },
      foundInVideo: { frame: 3, timestampS: 1.5 },
      stillAt: { timestampS: null },
    });
  });
});
