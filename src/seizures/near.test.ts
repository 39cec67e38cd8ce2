// judgeCandidates decides without writing: the verdict and the row changes come from its inputs alone.
import { describe, expect, it } from 'vitest';
import { judgeCandidates, judgedMediaIds, type Candidate } from './near.js';
import type { CandidateMedium } from './repository-processing.js';
import type { ItemRow, SeizureRow } from './tables.js';

const seizure = { id: 7 } as SeizureRow;
const item = { id: 20 } as ItemRow;
const P = '0'.repeat(64);
const near = (bits: number) => (BigInt(`0x${P}`) ^ ((1n << BigInt(bits)) - 1n)).toString(16).padStart(64, '0');
const cand = (mediaId: number, distance: number): Candidate => ({
  mediaId,
  distance,
  match: { mediaId, distance, stage: 'pdq' },
  why: `PDQ distance ${distance}`,
});
const medium = (id: number, m: Partial<CandidateMedium>): CandidateMedium => ({
  id,
  first_seizure_id: 7,
  first_item_id: null,
  media_type: 'image',
  pdq: null,
  series_id: null,
  ...m,
});

describe('judgeCandidates', () => {
  it('another seizure’s media make the item known-near, with deconfliction once per series, and no write of its own', () => {
    const candidates = [cand(1, 3), cand(2, 5), cand(3, 8)];
    const rows = [medium(1, { first_seizure_id: 1 }), medium(2, { first_seizure_id: 2, series_id: 9 }), medium(3, { first_seizure_id: 3, series_id: 9 })];
    const { verdict, changes } = judgeCandidates(seizure, item, candidates, rows);
    expect(verdict.result).toBe('known_near');
    // The match shown is the closest one with a series; the others travel with it.
    expect(verdict.match).toMatchObject({ mediaId: 2, others: [{ mediaId: 1 }, { mediaId: 3 }] });
    expect(changes).toEqual([{ kind: 'deconfliction', mediaId: 2 }]);
  });

  it('image partners in the seizure: the higher-numbered one is asked to name this item, this item names its lowest lower partner', () => {
    const rows = [
      medium(1, { first_item_id: 25, pdq: near(4) }),
      medium(2, { first_item_id: 12, pdq: near(6) }),
      medium(3, { first_item_id: 15, pdq: near(40) }),
    ];
    const peers = [{ itemId: 11, pdq: near(10) }];
    const { verdict, changes } = judgeCandidates(seizure, item, [cand(1, 4), cand(2, 6), cand(3, 40)], rows, { pdq: P, peers });
    expect(verdict).toMatchObject({ result: 'new', nearItemId: 11, note: 'near-duplicate of item 11 in this seizure (PDQ distance 10)' });
    expect(changes).toEqual([
      { kind: 'note', itemId: 25, note: 'near-duplicate of item 20 in this seizure (PDQ distance 4)', nearItemId: 20, ifNoLowerThan: 20 },
    ]);
  });

  it('videos: the note goes on the later upload', () => {
    const later = judgeCandidates(seizure, item, [cand(1, 0)], [medium(1, { first_item_id: 30, media_type: 'video' })]);
    expect(later.verdict).toMatchObject({ result: 'new', note: null });
    expect(later.changes).toEqual([{ kind: 'note', itemId: 30, note: 'near-duplicate of item 20 in this seizure (PDQ distance 0)', nearItemId: null }]);
    const earlier = judgeCandidates(seizure, item, [cand(1, 0)], [medium(1, { first_item_id: 5, media_type: 'video' })]);
    expect(earlier).toEqual({ verdict: expect.objectContaining({ note: 'near-duplicate of item 5 in this seizure (PDQ distance 0)' }), changes: [] });
  });

  it('judges the first 50 distinct candidates only', () => {
    const many = Array.from({ length: 60 }, (_, i) => cand(i + 1, 1));
    expect(judgedMediaIds([...many, ...many])).toEqual(many.slice(0, 50).map((c) => c.mediaId));
    const rows = many.map((c) => medium(c.mediaId, { first_seizure_id: 1 }));
    expect(judgeCandidates(seizure, item, many, rows).verdict.match).toMatchObject({ mediaId: 1 });
    expect((judgeCandidates(seizure, item, many, rows).verdict.match as { others: unknown[] }).others).toHaveLength(20);
  });
});
