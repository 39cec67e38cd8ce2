// Demo knowledge (demo mode only, never in tests): two series with victims, an offender and a place, one
// victim identified by another country, a comment and a consultation, so the UI has something to show.
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Principal, Role } from '../access/principal.js';

async function principalOf(ctx: AppContext, email: string): Promise<Principal> {
  const u = (
    await sql<{ id: number; display_name: string; role: Role; country_code: string; agency_id: number }>`
    SELECT id, display_name, role, country_code, agency_id FROM users WHERE email = ${email}`.execute(ctx.db)
  ).rows[0]!;
  return {
    userId: u.id,
    email,
    displayName: u.display_name,
    role: u.role,
    countryCode: u.country_code,
    agencyId: u.agency_id,
    isHub: false,
    ip: 'demo-seed',
    via: 'session',
  };
}

export async function seedKnowledgeDemo(ctx: AppContext): Promise<void> {
  if (ctx.config.mode === 'test') return;
  if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM series`.execute(ctx.db)).rows[0]!.n > 0) return;
  const fr = await principalOf(ctx, 'fr.investigator@demo.icse');
  const de = await principalOf(ctx, 'de.investigator@demo.icse');
  const series = ctx.services.series,
    entities = ctx.services.entities;
  const kase = await ctx.services.cases.create(fr, { reference: 'DEMO-KNOW-1', title: 'Demo: blue room investigation', distribution: 'country' });
  const s1 = await series.create(fr, {
    name: 'Demo: blue room',
    description: 'Recurring indoor scene, blue wallpaper, wooden bed (demo data).',
    caseId: kase.id,
  });
  await series.create(de, { name: 'Demo: garden swing', description: 'Outdoor scene (demo data).' });
  const a = await entities.create(fr, 'victim', s1.id, { label: 'Victim A (demo)', notes: 'Approx. 10 years old (demo).' });
  await entities.create(fr, 'victim', s1.id, { label: 'Victim B (demo)' });
  await entities.create(fr, 'offender', s1.id, { label: 'Offender 1 (demo)' });
  await entities.create(fr, 'place', s1.id, {
    description: 'Bedroom with blue wallpaper (demo)',
    clues: 'Type F power socket; German-language book spine',
    countryGuess: 'DE',
  });
  await entities.identify(de, 'victim', a.id, { date: new Date().toISOString().slice(0, 10) });
  await ctx.services.comments.create(de, 'series', s1.id, 'The wallpaper matches a scene in our garden swing series (demo).');
  await ctx.services.consultations.create(fr, kase.id, {
    subject: 'Blue room: scene location (demo)',
    countries: ['DE'],
    message: 'Can you compare the power sockets with your series? (demo)',
  });
}
