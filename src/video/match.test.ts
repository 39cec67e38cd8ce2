import { describe, expect, it } from 'vitest';
import { pdqDistance } from '../hashing/index.js';
import { FRAME_INDEX_ID_BASE, frameIndexId, mediaIndexId, parseIndexId, resolveIndexHits } from './index-ids.js';
import { matchVideoAgainstIndex, matchVideos, uniqueFrames, type IndexFrameHit } from './match.js';
import { formatVpdq, parseVpdq, VpdqFormatError } from './vpdq-format.js';

// Deterministic pseudo-random 256-bit hashes, and copies at an exact Hamming distance.
function randomHash(seed: number): string {
  let x = seed * 2654435761 + 12345;
  let s = '';
  for (let i = 0; i < 64; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += ((x >>> 16) & 15).toString(16);
  }
  return s;
}
function flipBits(hex: string, n: number, offset = 0): string {
  const bits = hex.split('').flatMap((c) => parseInt(c, 16).toString(2).padStart(4, '0').split('').map(Number));
  for (let i = 0; i < n; i++) bits[(offset + i * 7) % 256] ^= 1;
  let out = '';
  for (let i = 0; i < 256; i += 4) out += parseInt(bits.slice(i, i + 4).join(''), 2).toString(16);
  return out;
}
const frames = (hashes: string[], quality = 100) => hashes.map((hash, i) => ({ frame: i * 25, quality, hash, timestamp: i }));

describe('vPDQ pairwise matching', () => {
  const a = Array.from({ length: 10 }, (_, i) => randomHash(i + 1));

  it('flipBits produces the requested distance', () => {
    expect(pdqDistance(a[0]!, flipBits(a[0]!, 31))).toBe(31);
    expect(pdqDistance(a[0]!, flipBits(a[0]!, 32))).toBe(32);
  });

  it('a frame matches at distance 31 (inclusive) and not at 32', () => {
    const at31 = matchVideos(frames([a[0]!]), frames([flipBits(a[0]!, 31)]));
    const at32 = matchVideos(frames([a[0]!]), frames([flipBits(a[0]!, 32)]));
    expect(at31.queryMatchPct).toBe(100);
    expect(at32.queryMatchPct).toBe(0);
    expect(matchVideos(frames([a[0]!]), frames([flipBits(a[0]!, 20)]), { maxDistance: 10 }).queryMatchPct).toBe(0);
  });

  it("query % and compared % count each side's unique frames", () => {
    // Query: 4 frames, 3 of which appear (slightly changed) in the compared video of 6 frames.
    const query = frames([a[0]!, a[1]!, a[2]!, a[3]!]);
    const compared = frames([flipBits(a[0]!, 5), flipBits(a[1]!, 9), flipBits(a[2]!, 3), a[6]!, a[7]!, a[8]!]);
    const m = matchVideos(query, compared);
    expect(m.queryMatchPct).toBe(75);
    expect(m.comparedMatchPct).toBe(50);
    expect(m.queryUniqueFrames).toBe(4);
    expect(m.comparedUniqueFrames).toBe(6);
    expect(m.isMatch).toBe(false); // 75 % < default 80 %
    expect(matchVideos(query, compared, { queryThreshold: 70 }).isMatch).toBe(true);
    expect(matchVideos(query, compared, { queryThreshold: 70, comparedThreshold: 60 }).isMatch).toBe(false);
    // Symmetric roles.
    const r = matchVideos(compared, query);
    expect([r.queryMatchPct, r.comparedMatchPct]).toEqual([50, 75]);
  });

  it('duplicate frames count once and low-quality frames are ignored', () => {
    const query = frames([a[0]!, a[0]!, a[0]!, a[1]!]);
    const compared = [...frames([a[0]!]), ...frames([a[1]!], 30)];
    const m = matchVideos(query, compared);
    expect(m.queryUniqueFrames).toBe(2);
    expect(m.comparedUniqueFrames).toBe(1);
    expect(m.queryMatchPct).toBe(50);
    expect(m.comparedMatchPct).toBe(100);
    expect(uniqueFrames([{ hash: a[0]!.toUpperCase() }, { hash: a[0]! }])).toHaveLength(1);
  });

  it('crop hashes: a frame matches when any of its hashes is near any hash of the other frame', () => {
    const far = flipBits(a[0]!, 60);
    expect(matchVideos(frames([a[0]!]), frames([far])).queryMatchPct).toBe(0);
    const withCrops = [{ hash: far, quality: 100, cropHashes: [a[5]!, flipBits(a[0]!, 31)] }];
    expect(matchVideos(frames([a[0]!]), withCrops).queryMatchPct).toBe(100);
    expect(matchVideos(withCrops, frames([a[0]!])).queryMatchPct).toBe(100);
    expect(matchVideos([{ hash: a[1]!, cropHashes: [flipBits(a[0]!, 20)] }], withCrops)).toMatchObject({ queryMatchPct: 100, comparedMatchPct: 100 });
    expect(matchVideos(frames([a[0]!]), [{ hash: far, cropHashes: [flipBits(a[0]!, 32)] }]).queryMatchPct).toBe(0);
  });

  it('empty or all-low-quality sides never match', () => {
    expect(matchVideos([], frames([a[0]!])).isMatch).toBe(false);
    const m = matchVideos(frames([a[0]!], 10), frames([a[0]!], 10));
    expect(m).toMatchObject({ queryMatchPct: 0, comparedMatchPct: 0, isMatch: false });
  });
});

describe('vPDQ against the match index', () => {
  const a = Array.from({ length: 12 }, (_, i) => randomHash(100 + i));
  // A toy index: media 7 is a video holding a0..a4 (frame 25*i), media 8 holds a5 and a copy of a0 at
  // distance 30, media 9 is a still image of a1 at distance 12.
  const stored: Array<IndexFrameHit & { hash: string }> = [
    ...[0, 1, 2, 3, 4].map((i) => ({ mediaId: 7, frame: i * 25, distance: 0, hash: a[i]!, timestamp: i })),
    { mediaId: 8, frame: 0, distance: 0, hash: a[5]! },
    { mediaId: 8, frame: 25, distance: 0, hash: flipBits(a[0]!, 30) },
    { mediaId: 9, frame: 0, distance: 0, hash: flipBits(a[1]!, 12) },
  ];
  const lookups: string[] = [];
  const lookup = (pdq: string, r: number) => {
    lookups.push(pdq);
    return stored.map((s) => ({ ...s, distance: pdqDistance(pdq, s.hash) })).filter((s) => s.distance <= r);
  };
  const counts = (ids: number[]) => new Map(ids.map((id) => [id, id === 7 ? 5 : id === 8 ? 2 : 1]));

  it('aggregates hits per candidate media with both percentages', async () => {
    lookups.length = 0;
    const query = frames([a[0]!, a[1]!, a[2]!, a[3]!, a[0]!]); // duplicate a0: looked up once
    const res = await matchVideoAgainstIndex(query, lookup, { frameCounts: counts });
    expect(lookups).toHaveLength(4);
    const byId = new Map(res.map((r) => [r.mediaId, r]));
    expect(byId.get(7)).toMatchObject({ queryMatchPct: 100, comparedMatchPct: 80, comparedMatchedFrames: 4, isMatch: true, bestDistance: 0 });
    expect(byId.get(8)).toMatchObject({ queryMatchPct: 25, comparedMatchPct: 50, isMatch: false, bestDistance: 30 });
    expect(byId.get(9)).toMatchObject({ queryMatchPct: 25, comparedMatchPct: 100, isMatch: false, bestDistance: 12 });
    expect(res[0]!.mediaId).toBe(7); // matches first
    // Where each query frame was found in the candidate.
    expect(byId.get(7)!.pairings.map((p) => [p.queryFrame, p.frame, p.timestamp])).toEqual([
      [0, 0, 0],
      [25, 25, 1],
      [50, 50, 2],
      [75, 75, 3],
    ]);
    // Agrees with the pairwise function on the same data.
    const pair = matchVideos(
      query,
      stored.filter((s) => s.mediaId === 7).map((s) => ({ hash: s.hash })),
    );
    expect([pair.queryMatchPct, pair.comparedMatchPct]).toEqual([byId.get(7)!.queryMatchPct, byId.get(7)!.comparedMatchPct]);
  });

  it('looks the crop hashes of query frames up too, counting a stored frame once', async () => {
    lookups.length = 0;
    const query = [{ hash: a[10]!, frame: 0, cropHashes: [flipBits(a[2]!, 4), flipBits(a[2]!, 8)] }];
    const res = await matchVideoAgainstIndex(query, lookup, { frameCounts: counts });
    expect(lookups).toHaveLength(3);
    expect(res.map((r) => r.mediaId)).toEqual([7]);
    expect(res[0]).toMatchObject({ queryMatchedFrames: 1, comparedMatchedFrames: 1, bestDistance: 4 });
    expect(res[0]!.pairings).toEqual([expect.objectContaining({ frame: 50, distance: 4 })]);
  });

  it('a still image query finds the video holding it; the video itself can be excluded', async () => {
    const still = [{ hash: flipBits(a[3]!, 14) }];
    const res = await matchVideoAgainstIndex(still, lookup);
    expect(res.map((r) => r.mediaId)).toEqual([7]);
    expect(res[0]).toMatchObject({ queryMatchPct: 100, comparedMatchPct: null, isMatch: true, bestDistance: 14 });
    expect(res[0]!.pairings[0]).toMatchObject({ frame: 75, timestamp: 3 });
    expect(await matchVideoAgainstIndex(frames([a[0]!]), lookup, { excludeMediaId: 7 })).toHaveLength(1);
  });

  it('index ids: frames live in their own range and resolve to (media, frame)', async () => {
    expect(frameIndexId(1)).toBe(FRAME_INDEX_ID_BASE + 1);
    expect(parseIndexId(frameIndexId(42))).toEqual({ kind: 'frame', frameRowId: 42 });
    expect(parseIndexId(mediaIndexId(42))).toEqual({ kind: 'media', mediaId: 42 });
    expect(frameIndexId(FRAME_INDEX_ID_BASE - 1)).toBeLessThanOrEqual(2 ** 31 - 1); // fits int32 id arrays
    expect(() => frameIndexId(0)).toThrow(RangeError);
    expect(() => mediaIndexId(FRAME_INDEX_ID_BASE)).toThrow(RangeError);
    const rows = new Map([[42, { mediaId: 7, frame: 50, timestamp: 2, hash: a[2]! }]]);
    const hits = await resolveIndexHits(
      [
        { id: 5, distance: 3 },
        { id: frameIndexId(42), distance: 9 },
        { id: frameIndexId(43), distance: 1 },
      ],
      async (ids) => {
        expect(ids).toEqual([42, 43]);
        return rows;
      },
    );
    expect(hits).toEqual([
      { mediaId: 5, frame: 0, distance: 3 },
      { mediaId: 7, frame: 50, distance: 9, hash: a[2]!, timestamp: 2 },
    ]);
  });
});

describe('vPDQ text format', () => {
  it('writes and reads the reference line shape frame,quality,hash,timestamp', () => {
    const f = [
      { frame: 0, quality: 100, hash: randomHash(1), timestamp: 0 },
      { frame: 30, quality: 87, hash: randomHash(2), timestamp: 1.0010010010010011 },
    ];
    const text = formatVpdq(f);
    expect(text.split('\n')[1]).toBe(`30,87,${f[1]!.hash},1.001`);
    expect(text.endsWith('\n')).toBe(true);
    expect(parseVpdq(text)).toEqual([f[0], { ...f[1], timestamp: 1.001 }]);
    // Reference sample files write short timestamps ("0", "0.0319").
    expect(parseVpdq(`1,100,${f[0]!.hash.toUpperCase()},0.0319\r\n`)[0]).toMatchObject({ frame: 1, timestamp: 0.0319, hash: f[0]!.hash });
  });

  it('rejects malformed lines with the line number', () => {
    expect(() => parseVpdq(`0,100,${randomHash(1)},0.000\n0,100,xyz,1.000`)).toThrow(/line 2/);
    expect(() => parseVpdq('0,100,abc')).toThrow(VpdqFormatError);
    expect(() => parseVpdq(`0,101,${randomHash(1)},0`)).toThrow(/quality/);
  });
});

describe('storage shapes', async () => {
  const { mediaFrameRows, videoMediaColumns } = await import('./storage.js');
  it('maps a hash result to media and media_frames columns', () => {
    const r = {
      md5: 'a'.repeat(32),
      sha1: 'b'.repeat(40),
      sha256: 'c'.repeat(64),
      sizeBytes: 1000,
      container: 'matroska,webm',
      codec: 'h264',
      width: 640,
      height: 360,
      fps: 25,
      fpsRational: '25/1',
      durationS: 12.5,
      frames: frames([randomHash(5)]),
      allFrames: frames([randomHash(5)]),
      framesSampled: 13,
      framesDropped: 12,
      partial: false,
      warnings: [],
    };
    expect(videoMediaColumns(r)).toMatchObject({ media_type: 'video', format: 'mkv', duration_s: 12.5, width: 640, pdq: null });
    expect(videoMediaColumns(r, 'webm').format).toBe('webm');
    expect(mediaFrameRows(9, r)).toEqual([{ media_id: 9, frame: 0, quality: 100, pdq: r.frames[0]!.hash, timestamp_s: 0, crop_pdq: null }]);
    const withCrops = { frames: [{ ...r.frames[0]!, cropHashes: [randomHash(6), randomHash(7)] }] };
    expect(mediaFrameRows(9, withCrops)[0]!.crop_pdq).toEqual([randomHash(6), randomHash(7)]);
  });
});
