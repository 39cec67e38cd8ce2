// Categorisation: each analyst's vote is kept; media.category holds the consensus (see consensus.ts).
import type { Db, Trx } from '../db/types.js';
import type { Principal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { NotFoundError } from '../shared/errors.js';
import { mediaRepo } from '../mediainfo/repository.js';
import { consensus, VICS_CATEGORIES, MIN_AGREEING_VOTES } from './consensus.js';
import { sql } from 'kysely';

interface VoteRow {
  user_id: number;
  category: number;
  created_at: Date;
  display_name: string;
  country_code: string;
  agency_id: number;
}

export async function loadVotes(trx: Trx, mediaId: number): Promise<VoteRow[]> {
  return (
    await sql<VoteRow>`SELECT v.user_id, v.category, v.created_at, u.display_name, u.country_code, u.agency_id
    FROM category_votes v JOIN users u ON u.id = v.user_id WHERE v.media_id = ${mediaId} ORDER BY v.created_at, v.user_id`.execute(trx)
  ).rows;
}

/** Votes as a reader sees them: names only for colleagues of the same agency, otherwise the country. */
export function presentVotes(p: Principal, votes: VoteRow[], category: number | null) {
  const tally: Record<string, number> = {};
  for (const v of votes) tally[v.category] = (tally[v.category] ?? 0) + 1;
  return {
    consensus: category,
    consensusLabel: category == null ? null : VICS_CATEGORIES[category as 0],
    status: category == null ? 'pending' : 'agreed',
    rule: `set when at least ${MIN_AGREEING_VOTES} votes agree and form a strict majority of all votes`,
    tally,
    myVote: votes.find((v) => v.user_id === p.userId)?.category ?? null,
    votes: votes.map((v) => ({
      category: v.category,
      country: v.country_code.trim(),
      mine: v.user_id === p.userId,
      analyst: v.agency_id === p.agencyId ? v.display_name : null,
      at: new Date(v.created_at).toISOString(),
    })),
  };
}

export class CategorisationService {
  constructor(private readonly db: Db) {}

  get(p: Principal, mediaId: number) {
    return this.db.transaction().execute(async (trx) => {
      const m = await mediaRepo.findVisible(trx, p, mediaId);
      if (!m) throw new NotFoundError('media');
      const votes = await loadVotes(trx, mediaId);
      await recordAudit(trx, p, { action: 'media.category.read', objectType: 'media', objectId: mediaId });
      return presentVotes(p, votes, m.category);
    });
  }

  /** Casts, changes (category) or withdraws (null) the caller's vote and recomputes the consensus. */
  vote(p: Principal, mediaId: number, category: number | null) {
    return this.db.transaction().execute(async (trx) => {
      const m = await mediaRepo.findVisible(trx, p, mediaId);
      if (!m) throw new NotFoundError('media');
      // Serialise votes on one medium so two concurrent votes both count in the consensus.
      await sql`SELECT id FROM media WHERE id = ${mediaId} FOR UPDATE`.execute(trx);
      if (category == null) {
        await trx.deleteFrom('category_votes').where('media_id', '=', mediaId).where('user_id', '=', p.userId).execute();
      } else {
        await trx
          .insertInto('category_votes')
          .values({ media_id: mediaId, user_id: p.userId, category })
          .onConflict((oc) => oc.columns(['media_id', 'user_id']).doUpdateSet({ category, created_at: new Date() }))
          .execute();
      }
      const votes = await loadVotes(trx, mediaId);
      const agreed = consensus(votes.map((v) => v.category));
      if (agreed !== m.category) await mediaRepo.setCategory(trx, mediaId, agreed);
      await recordAudit(trx, p, {
        action: category == null ? 'media.category.withdraw' : 'media.category.vote',
        objectType: 'media',
        objectId: mediaId,
        details: { category, consensus: agreed, previous: m.category },
      });
      return presentVotes(p, votes, agreed);
    });
  }
}
