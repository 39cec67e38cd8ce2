// `icse rehash-pdq`: media rows that migration 020 could only derive (pdq_basis 'derived': hashed before with an
// EXIF orientation 2..8) are hashed again from their stored bytes, so media.pdq becomes exactly the peers' hash
// of the pixels as stored (PDQ's DCT-derived rotate180/flipMinus1 variants drift up to ~36 bits). Keyset pages,
// idempotent and resumable: a row leaves 'derived' once rehashed; a row whose bytes are not held stays derived.
import type { AppContext } from '../context.js';
import { systemPrincipal } from '../access/principal.js';
import { recordAudit } from '../audit/audit.js';
import { decodeImage, hashDecoded } from '../imaging/index.js';
import { DIHEDRAL_ORDER } from '../imaging/exif-dihedral.js';

export interface RehashSummary {
  rehashed: number;
  failed: Array<{ mediaId: number; message: string }>;
  notStored: number;
}

export async function rehashDerivedPdq(
  ctx: Pick<AppContext, 'db' | 'mediaStore' | 'config'>,
  opts: { batch?: number; onMedia?: (id: number, ok: boolean) => void } = {},
): Promise<RehashSummary> {
  const batch = opts.batch ?? 100;
  const sum: RehashSummary = { rehashed: 0, failed: [], notStored: 0 };
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .selectFrom('media')
      .select(['id', 'sha256', 'stored'])
      .where('pdq_basis', '=', 'derived')
      .where('media_type', '=', 'image')
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    for (const r of rows) {
      if (!r.stored) {
        sum.notStored++;
        continue;
      }
      try {
        const img = await decodeImage(await ctx.mediaStore.read(r.sha256), { maxPixels: ctx.config.maxImagePixels });
        const h = hashDecoded(img, { dihedral: true });
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('media')
            .set({
              pdq: h.pdq.hash,
              pdq_quality: h.pdq.quality,
              pdq_dihedral: DIHEDRAL_ORDER.map((k) => h.dihedral!.hashes[k]),
              pdq_upright: h.pdqUpright?.hash ?? null,
              pdq_basis: 'stored',
            })
            .where('id', '=', r.id)
            .execute();
          await recordAudit(trx, systemPrincipal('rehash-pdq'), { action: 'media.rehash_pdq', objectType: 'media', objectId: r.id });
        });
        sum.rehashed++;
        opts.onMedia?.(r.id, true);
      } catch (err) {
        sum.failed.push({ mediaId: r.id, message: err instanceof Error ? err.message : String(err) });
        opts.onMedia?.(r.id, false);
      }
    }
  }
  return sum;
}

/** CLI adapter: `icse rehash-pdq` (run with the server stopped on the embedded database). */
export async function runRehashCommand(args: string[]): Promise<number> {
  if (args.length) {
    process.stderr.write('usage: icse rehash-pdq\n');
    return 2;
  }
  const { loadConfig } = await import('../config.js');
  const { createContext, closeContext } = await import('../context.js');
  const ctx = await createContext(loadConfig(), { startJobs: false });
  try {
    const s = await rehashDerivedPdq(ctx);
    for (const f of s.failed) process.stderr.write(`media ${f.mediaId}: ${f.message}\n`);
    process.stdout.write(`${s.rehashed} rehashed, ${s.failed.length} failed, ${s.notStored} hash-only rows left derived (no bytes held)\n`);
    return s.failed.length ? 1 : 0;
  } finally {
    await closeContext(ctx);
  }
}
