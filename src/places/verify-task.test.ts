// The place verification task skips candidates that cannot change the verdict once copies settled it: after one
// copy, the query's own seizure's candidates; after SURE_OUTSIDE copies from other seizures, every candidate. Other
// seizures' scenes that are not copies are verified until then, and what is verified gives the same hits.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { isPartialCopy, isPlaceLink } from './index.js';
import { placeFeatures, type PlaceFeatures } from './ingest.js';
import { roomPicture } from './testkit.js';
import { SURE_OUTSIDE, skipsCandidate, verifyPlaceTask, type PlaceVerifyTask } from './verify-task.js';

async function place(jpeg: Buffer): Promise<PlaceFeatures> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return placeFeatures(data, info.width, info.height, info.channels);
}

describe('place verification task', async () => {
  const known = await roomPicture(5, { x: 0.3, y: 0.3, share: 0.7, angle: 0, subject: '#c02020' });
  const query = await place(known);
  // Copies of the known picture: re-encoded, cropped by a few per cent at either side, and shrunk.
  const meta = await sharp(known).metadata();
  const copies = await Promise.all(
    [
      sharp(known).jpeg({ quality: 60 }),
      sharp(known)
        .extract({ left: 20, top: 16, width: meta.width! - 40, height: meta.height! - 30 })
        .jpeg({ quality: 80 }),
      sharp(known).resize(600).jpeg({ quality: 75 }),
      sharp(known)
        .extract({ left: 0, top: 0, width: meta.width! - 50, height: meta.height! - 40 })
        .jpeg({ quality: 90 }),
    ].map(async (s) => place(await s.toBuffer())),
  );
  // Another picture of the same room (another camera position: turned and tilted, another subject): the same place,
  // not a copy (the perspective is more than an edit gives).
  const scene = await place(await roomPicture(5, { x: 0.6, y: 0.5, share: 0.65, angle: 4, subject: '#2040c0', tilt: 0.2 }));
  const cand = (id: number, p: PlaceFeatures, inside: boolean) => ({ id, score: 1 / id, features: p.features, words: p.words, inside });
  const task = (candidates: PlaceVerifyTask['candidates']): PlaceVerifyTask => ({ features: query.query, words: query.queryWords, candidates, peers: [] });

  it('the set: the re-encodes and crops verify as copies, the other view as the same place only', () => {
    // One task per candidate: no early stop.
    const one = [...copies.map((c, i) => cand(i + 1, c, false)), cand(9, scene, false)].flatMap((c) => verifyPlaceTask(task([c])).hits);
    const byId = new Map(one.map((h) => [h.id, h.verification]));
    for (let i = 1; i <= copies.length; i++) expect(isPartialCopy(byId.get(i)!), `copy ${i}`).toBe(true);
    expect(isPlaceLink(byId.get(9)!)).toBe(true);
    expect(isPartialCopy(byId.get(9)!)).toBe(false);
  });

  it("after one copy, the own seizure's further candidates are left unverified; other seizures' are verified", () => {
    const r = verifyPlaceTask(
      task([cand(9, scene, true), cand(1, copies[0]!, true), cand(2, copies[1]!, true), cand(3, copies[2]!, false), cand(4, copies[3]!, true)]),
    );
    // The scene before the first copy is verified; after it only the other seizure's copy.
    expect(r.hits.map((h) => h.id).sort()).toEqual([1, 3, 9]);
    expect(r.skipped).toBe(2);
  });

  it(`after ${SURE_OUTSIDE} copies from other seizures no candidate is verified; fewer change nothing`, () => {
    const outside = [...copies.map((c, i) => cand(i + 1, c, false)), cand(9, scene, false)];
    const r = verifyPlaceTask(task(outside));
    expect(r.hits.map((h) => h.id).sort()).toEqual([1, 2, 3]);
    expect(r.skipped).toBe(outside.length - SURE_OUTSIDE);
    // Two copies only: every candidate is verified, the same hits as one by one.
    const few = [cand(1, copies[0]!, false), cand(9, scene, false), cand(2, copies[1]!, false)];
    const r2 = verifyPlaceTask(task(few));
    expect(r2.skipped).toBe(0);
    const single = few.flatMap((c) => verifyPlaceTask(task([c])).hits);
    expect(r2.hits.map((h) => [h.id, h.verification.inliers])).toEqual(
      single.sort((a, b) => b.verification.inliers - a.verification.inliers || a.id - b.id).map((h) => [h.id, h.verification.inliers]),
    );
  });

  it('in two rounds (the rest from where the first left off) the same hits and skips as one task', () => {
    const all = [cand(9, scene, true), cand(1, copies[0]!, false), cand(2, copies[1]!, true), cand(3, copies[2]!, false), cand(4, copies[3]!, false)];
    const one = verifyPlaceTask(task(all));
    for (const split of [1, 2, 3]) {
      const first = verifyPlaceTask(task(all.slice(0, split)));
      const rest = all.slice(split);
      const wanted = rest.filter((c) => !skipsCandidate(first.settled, c.inside));
      const second = verifyPlaceTask({ ...task(wanted), settled: first.settled });
      const hits = [...first.hits, ...second.hits].sort((a, b) => b.verification.inliers - a.verification.inliers || a.id - b.id);
      expect(
        hits.map((h) => [h.id, h.verification.inliers]),
        `split ${split}`,
      ).toEqual(one.hits.map((h) => [h.id, h.verification.inliers]));
      expect(first.skipped + rest.length - wanted.length + second.skipped, `split ${split}`).toBe(one.skipped);
      expect(second.settled).toEqual(one.settled);
    }
    // Meaningful: the second round starts settled (a copy from another seizure found), so it skips the own seizure's.
    expect(verifyPlaceTask(task(all.slice(0, 2))).settled).toEqual({ copies: 1, copiesOutside: 1 });
  });
});
