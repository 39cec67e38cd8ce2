// Demo media (demo mode only): benign generated scenes uploaded as seizures by DE and BR, grouped into series,
// then a French seizure holding exact copies, edited copies (resized, re-encoded, flipped, watermarked,
// cropped), a copy of Brazil's restricted material and new scenes — so a new user sees known-exact,
// known-near, redacted and new results at once. Runs after the server listens: processing takes a while.
import { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import { identityRepo } from '../identity/repository.js';
import { toPrincipal } from '../identity/service.js';
import type { IncomingFile } from '../seizures/upload.js';
import { sceneVariant, type SceneVariant } from './scenes.js';

/** A demo account acting through the services, as if signed in. */
export async function principalOf(ctx: AppContext, email: string): Promise<Principal> {
  const u = await identityRepo.findUserByEmail(ctx.db, email);
  if (!u) throw new Error(`demo account ${email} is missing`);
  return toPrincipal(u, 'demo-seed', 'session');
}

async function* files(list: Array<[string, number, SceneVariant]>): AsyncIterable<IncomingFile> {
  for (const [name, seed, variant] of list) yield { name, stream: Readable.from(await sceneVariant(seed, variant)) };
}

async function waitComplete(ctx: AppContext, seizureId: number, signal?: AbortSignal, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (signal?.aborted) throw new Error('the server is stopping');
    const row = await ctx.db.selectFrom('seizures').select('status').where('id', '=', seizureId).executeTakeFirst();
    if (row?.status === 'complete') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`demo seizure ${seizureId} did not complete in time`);
}

async function mediaOf(ctx: AppContext, seizureId: number): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('seizure_items')
    .select('media_id')
    .where('seizure_id', '=', seizureId)
    .where('media_id', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.media_id!);
}

export async function seedDemoMedia(ctx: AppContext, log: (msg: string) => void = () => undefined, signal?: AbortSignal): Promise<void> {
  if (ctx.config.mode === 'test') return;
  const exists = await ctx.db.selectFrom('cases').select('id').where('reference', '=', 'DEMO-MEDIA-DE').executeTakeFirst();
  if (exists) return;
  const [de, br, fr] = await Promise.all(
    ['de.investigator@demo.icse', 'br.investigator@demo.icse', 'fr.investigator@demo.icse'].map((e) => principalOf(ctx, e)),
  );
  const cases = ctx.services.cases,
    seizures = ctx.services.seizures,
    ingest = ctx.services.ingest,
    series = ctx.services.series;

  // Germany: known material, shared with all member countries, in a series.
  const deCase = await cases.create(de, { reference: 'DEMO-MEDIA-DE', title: 'Demo: garden swing series', distribution: 'all' });
  const deSeizure = await seizures.create(de, deCase.id, { label: 'Demo: server seizure 2025', distribution: 'all' });
  await ingest.addFiles(de, deSeizure.id, files([1, 2, 3, 4, 5, 6].map((s) => [`garden/scene-${s}.jpg`, s, 'original'])));
  // Brazil: material kept to its own country (the source-restriction rule).
  const brCase = await cases.create(br, { reference: 'DEMO-MEDIA-BR', title: 'Demo: restricted national case', distribution: 'country' });
  const brSeizure = await seizures.create(br, brCase.id, { label: 'Demo: phone extraction', distribution: 'country' });
  await ingest.addFiles(br, brSeizure.id, files([7, 8].map((s) => [`phone/IMG_00${s}.jpg`, s, 'original'])));
  await waitComplete(ctx, deSeizure.id, signal);
  await waitComplete(ctx, brSeizure.id, signal);

  const garden = (await series.list(de, { q: 'garden swing' })).series[0];
  const deSeries = garden ?? (await series.create(de, { name: 'Demo: garden swing', description: 'Outdoor scene (demo data).' }));
  await series.assignMedia(de, deSeries.id, await mediaOf(ctx, deSeizure.id));

  // France: a new seizure that contains known, edited and new material.
  const frCase = await cases.create(fr, { reference: 'DEMO-MEDIA-FR', title: 'Demo: seized laptop', distribution: 'country' });
  const frSeizure = await seizures.create(fr, frCase.id, { label: 'Demo: laptop image', distribution: 'country' });
  await ingest.addFiles(
    fr,
    frSeizure.id,
    files([
      ['Pictures/copy-1.jpg', 1, 'original'],
      ['Pictures/copy-2-small.jpg', 2, 'resized'],
      ['Pictures/copy-3-mirror.jpg', 3, 'flipped'],
      ['Pictures/copy-4-mark.jpg', 4, 'watermarked'],
      ['Pictures/copy-6-lowq.jpg', 6, 'reencoded'],
      ['Pictures/copy-5-crop.jpg', 5, 'cropped'],
      ['Downloads/IMG_007.jpg', 7, 'original'],
      ['Downloads/new-a.jpg', 31, 'original'],
      ['Downloads/new-b.jpg', 32, 'original'],
    ]),
  );
  await waitComplete(ctx, frSeizure.id, signal);
  log(`demo media ready: seizures ${deSeizure.id}, ${brSeizure.id}, ${frSeizure.id} (triage: /seizures/${frSeizure.id})`);
}
