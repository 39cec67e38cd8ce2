// Verifies the keyed audit chain: every link's HMAC in position order (keyset pages: PGlite has no
// cursors), the head, the rows not yet sealed, and the signed checkpoints kept outside the database.
// Without the key nobody can recompute a link, so an edited row, a deleted row or a rewritten tail is
// found; a tail cut off together with a head moved back is found by a checkpoint beyond the new head.
import fs from 'node:fs';
import type { Executor } from '../db/types.js';
import { GENESIS_HASH, rowContent } from './audit.js';
import { checkpointSignatureOk, linkMac, parseCheckpoints, type Checkpoint } from './sealer.js';

export interface VerifyOptions {
  key: Buffer;
  /** This database's chain id (sealer.ts chainId, from the configuration). */
  chain: string;
  /** Checkpoint sources: files of JSON lines (the data dir's checkpoint file, log files). Missing files are skipped. */
  checkpointFiles?: string[];
  checkpoints?: Checkpoint[];
  pageSize?: number;
}

interface Unsealed {
  unsealed: number;
  oldestUnsealedAt: string | null;
}
export type VerifyResult =
  | ({ ok: true; rows: number; headSeq: number; checkpoints: number; latestCheckpoint: number | null } & Unsealed)
  | ({ ok: false; rows: number; brokenAtSeq: number | null; brokenAtPos: number | null; reason: string; checkpoints: number } & Unsealed);

export async function verifyAuditChain(db: Executor, opts: VerifyOptions): Promise<VerifyResult> {
  const pageSize = opts.pageSize ?? 2000;
  // Checkpoints of this chain; a line that does not verify under the key was forged or edited.
  const all: Checkpoint[] = [...(opts.checkpoints ?? [])];
  for (const file of opts.checkpointFiles ?? []) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    all.push(...parseCheckpoints(text).checkpoints);
  }
  const mine = all.filter((c) => c.chain === opts.chain);
  const unsealedInfo = async (): Promise<Unsealed> => {
    const u = await db
      .selectFrom('audit_pending as p')
      .innerJoin('audit_log as l', 'l.seq', 'p.seq')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('l.at').as('oldest')])
      .executeTakeFirstOrThrow();
    return { unsealed: Number(u.n), oldestUnsealedAt: u.oldest ? new Date(u.oldest as Date).toISOString() : null };
  };
  const fail = async (reason: string, rows: number, brokenAtPos: number | null, brokenAtSeq: number | null): Promise<VerifyResult> => ({
    ok: false,
    rows,
    brokenAtPos,
    brokenAtSeq,
    reason,
    checkpoints: mine.length,
    ...(await unsealedInfo()),
  });

  for (const cp of mine) {
    if (!checkpointSignatureOk(opts.key, cp))
      return fail(`checkpoint of ${cp.at} (position ${cp.pos}) is not signed by the audit key: forged or edited`, 0, cp.pos, null);
  }
  const wanted = new Map<number, Checkpoint[]>();
  for (const cp of mine) wanted.set(cp.pos, [...(wanted.get(cp.pos) ?? []), cp]);

  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const headPos = Number(head.seq);
  let prev = GENESIS_HASH;
  let expected = 1;
  let rows = 0;
  while (expected <= headPos) {
    const page = await db
      .selectFrom('audit_seal as s')
      .leftJoin('audit_log as l', 'l.seq', 's.seq')
      .select([
        's.pos',
        's.seq as sealed_seq',
        's.mac',
        'l.seq',
        'l.at',
        'l.actor_user_id',
        'l.actor_email',
        'l.actor_country',
        'l.action',
        'l.object_type',
        'l.object_id',
        'l.ip',
        'l.details',
      ])
      .where('s.pos', '>=', expected)
      .where('s.pos', '<=', headPos)
      .orderBy('s.pos')
      .limit(pageSize)
      .execute();
    if (!page.length) break;
    for (const r of page) {
      const pos = Number(r.pos);
      const seq = Number(r.sealed_seq);
      if (pos !== expected) return fail(`chain position ${expected} is missing (next is ${pos}): rows deleted`, rows, expected, null);
      if (r.seq == null) return fail(`row ${seq} (chain position ${pos}) is missing from the log: deleted`, rows, pos, seq);
      if (linkMac(opts.key, prev, pos, rowContent({ ...r, seq: Number(r.seq) } as never)) !== r.mac) {
        return fail(`row ${seq} (chain position ${pos}) does not match its keyed link: edited, or the chain was recomputed without the key`, rows, pos, seq);
      }
      for (const cp of wanted.get(pos) ?? []) {
        if (cp.mac !== r.mac) return fail(`chain position ${pos} differs from the checkpoint of ${cp.at}: the chain was rewritten`, rows, pos, seq);
      }
      prev = r.mac;
      expected = pos + 1;
      rows++;
    }
  }
  if (expected - 1 !== headPos)
    return fail(`the chain head says position ${headPos} but the chain ends at ${expected - 1}: rows deleted at the end`, rows, expected, null);
  if (prev !== head.hash) return fail(`the chain head's MAC does not match position ${headPos}: the head was edited`, rows, headPos, null);
  const beyond = mine.filter((c) => c.pos > headPos).sort((a, b) => b.pos - a.pos)[0];
  if (beyond) {
    return fail(
      `a checkpoint of ${beyond.at} recorded chain position ${beyond.pos}, but the chain now ends at ${headPos}: rows deleted at the end and the head moved back`,
      rows,
      headPos + 1,
      null,
    );
  }
  const orphans = await db
    .selectFrom('audit_log as l')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_seal as s').select('s.pos').whereRef('s.seq', '=', 'l.seq'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_pending as p').select('p.seq').whereRef('p.seq', '=', 'l.seq'))))
    .executeTakeFirstOrThrow();
  if (Number(orphans.n) > 0)
    return fail(`${orphans.n} rows are neither sealed nor waiting for the sealer: their pending markers were deleted`, rows, null, null);
  const latest = mine.reduce<number | null>((m, c) => (m === null || c.pos > m ? c.pos : m), null);
  return { ok: true, rows, headSeq: headPos, checkpoints: mine.length, latestCheckpoint: latest, ...(await unsealedInfo()) };
}
