// VICS (US) categorisation and the consensus rule over analysts' votes.
export const VICS_CATEGORIES = {
  0: 'non-pertinent',
  1: 'child abuse material',
  2: 'exploitive / age difficult',
  3: 'CGI / animation',
  4: 'comparison',
} as const;
export type VicsCategory = 0 | 1 | 2 | 3 | 4;

/** At least this many analysts must agree before a category is set. */
export const MIN_AGREEING_VOTES = 2;

/**
 * Consensus rule: a category is set when at least MIN_AGREEING_VOTES analysts chose it AND they are a
 * strict majority of all votes cast. One vote, a tie, or a plurality without majority leaves the medium
 * pending (null): a second pair of eyes is required before material is labelled.
 */
export function consensus(votes: readonly number[]): VicsCategory | null {
  const counts = new Map<number, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [category, n] of counts) {
    if (n >= MIN_AGREEING_VOTES && n * 2 > votes.length) return category as VicsCategory;
  }
  return null;
}
