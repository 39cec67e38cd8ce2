// Categorisation: every analyst's vote is kept; consensus = at least 2 agreeing votes forming a strict majority.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestSystem, type TestSystem } from '../testing/harness.js';
import { systemPrincipal } from '../access/principal.js';
import { auditRows, insertMedia, userOf } from './test-media.js';

let sys: TestSystem;
const analysts = ['fr.analyst@demo.icse', 'de.analyst@demo.icse', 'hub.analyst@demo.icse', 'an4@test.icse', 'an5@test.icse'];
beforeAll(async () => {
  sys = await startTestSystem();
  const agency = (await userOf(sys.ctx.db, 'br.investigator@demo.icse')).agency_id;
  for (const e of ['an4@test.icse', 'an5@test.icse']) {
    await sys.ctx.identity.createUser(systemPrincipal(), {
      email: e,
      displayName: e,
      password: 'vote-password-1',
      role: 'analyst',
      agencyId: agency,
      withTotp: false,
    });
  }
  for (const e of ['an4@test.icse', 'an5@test.icse']) await sys.login(e, 'vote-password-1');
});
afterAll(async () => {
  await sys?.close();
});

const vote = (as: string, id: number, category: number | null) => sys.api('PUT', `/api/v1/media/${id}/category`, { as, body: { category } });
const stored = async (id: number) =>
  (await sql<{ category: number | null }>`SELECT category FROM media WHERE id = ${id}`.execute(sys.ctx.db)).rows[0]!.category;

describe('categorisation', () => {
  it('one vote is pending, two agreeing votes set it, a tie unsets it, a majority sets it again', async () => {
    const m = await insertMedia(sys.ctx.db, { ownerEmail: 'fr.investigator@demo.icse' });
    const first = await vote(analysts[0]!, m.id, 1);
    expect(first.json()).toMatchObject({ consensus: null, status: 'pending', myVote: 1 });
    expect(await stored(m.id)).toBeNull();
    expect((await vote(analysts[1]!, m.id, 1)).json()).toMatchObject({ consensus: 1, status: 'agreed', tally: { 1: 2 } });
    expect(await stored(m.id)).toBe(1);
    await vote(analysts[2]!, m.id, 2);
    expect(await stored(m.id)).toBe(1); // 2 of 3: still a strict majority
    const tie = await vote(analysts[3]!, m.id, 2);
    expect(tie.json()).toMatchObject({ consensus: null, tally: { 1: 2, 2: 2 } });
    expect(await stored(m.id)).toBeNull();
    await vote(analysts[4]!, m.id, 2);
    expect(await stored(m.id)).toBe(2);
    // Changing a vote and withdrawing one recompute the consensus.
    await vote(analysts[4]!, m.id, 1);
    expect(await stored(m.id)).toBe(1);
    await vote(analysts[4]!, m.id, null);
    expect(await stored(m.id)).toBeNull();

    const view = (await sys.api('GET', `/api/v1/media/${m.id}/category`, { as: 'fr.analyst@demo.icse' })).json();
    expect(view.votes).toHaveLength(4);
    expect(view.votes.map((v: { country: string }) => v.country).sort()).toEqual(['BR', 'DE', 'FR', 'XG']);
    expect(view.votes.find((v: { mine: boolean }) => v.mine)).toMatchObject({ category: 1, analyst: 'Louis Bernard' });
    expect(view.votes.filter((v: { analyst: string | null }) => v.analyst === null)).toHaveLength(3); // other agencies: country only
    const detail = (await sys.api('GET', `/api/v1/media/${m.id}`, { as: 'de.investigator@demo.icse' })).json();
    expect(detail.categorisation).toMatchObject({ consensus: null, tally: { 1: 2, 2: 2 } });
    expect(await auditRows(sys.ctx.db, 'media.category.vote', m.id)).toHaveLength(6);
    expect(await auditRows(sys.ctx.db, 'media.category.withdraw', m.id)).toHaveLength(1);
  });

  it('votes need a visible medium and a reviewing role', async () => {
    const hidden = await insertMedia(sys.ctx.db, { ownerEmail: 'fr.investigator@demo.icse', distribution: 'country' });
    expect((await vote('de.analyst@demo.icse', hidden.id, 1)).statusCode).toBe(404);
    expect((await sys.api('GET', `/api/v1/media/${hidden.id}/category`, { as: 'de.analyst@demo.icse' })).statusCode).toBe(404);
    expect((await vote('fr.ncb@demo.icse', hidden.id, 1)).statusCode).toBe(403);
    expect((await vote('fr.analyst@demo.icse', hidden.id, 7)).statusCode).toBe(400);
    expect((await vote('fr.analyst@demo.icse', hidden.id, 0)).json()).toMatchObject({ myVote: 0, consensus: null });
  });
});
