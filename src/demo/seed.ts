// Demo data on first start: countries, agencies, accounts; modules add their own demo content.
import type { AppContext } from '../context.js';
import { systemPrincipal } from '../access/principal.js';
import { identityRepo } from '../identity/repository.js';
import { DEMO_ACCOUNTS, DEMO_COUNTRIES, DEMO_PASSWORD, DEMO_TOTP_SECRET } from './accounts.js';
import { seedKnowledgeDemo } from '../series/demo.js';

export type DemoSeeder = (ctx: AppContext) => Promise<void>;
/** Later seeders (media, series, …) register here; each must be idempotent. */
export const demoSeeders: DemoSeeder[] = [seedKnowledgeDemo];

export async function seedDemoIdentity(ctx: AppContext): Promise<boolean> {
  if ((await identityRepo.countUsers(ctx.db)) > 0) return false;
  const system = systemPrincipal('demo-seed');
  await ctx.db.transaction().execute(async (trx) => {
    for (const c of DEMO_COUNTRIES) {
      await ctx.identity.upsertCountry(system, { code: c.code, name: c.name, ncbName: c.ncbName, isHub: 'isHub' in c && c.isHub }, trx);
      for (const a of c.agencies) await ctx.identity.createAgency(system, { countryCode: c.code, name: a }, trx);
    }
    const certifiedUntil = new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
    for (const acc of DEMO_ACCOUNTS) {
      const country = DEMO_COUNTRIES.find((c) => c.code === acc.country)!;
      const agency = await identityRepo.findAgencyByName(trx, acc.country, acc.agency ?? country.ncbName);
      const { user } = await ctx.identity.createUser(
        system,
        {
          email: acc.email,
          displayName: acc.name,
          password: DEMO_PASSWORD,
          role: acc.role,
          agencyId: agency!.id,
          certifiedUntil,
          withTotp: false,
          isDemo: true,
        },
        trx,
      );
      if (acc.totp) await identityRepo.updateUser(trx, user.id, { totp_secret: DEMO_TOTP_SECRET });
    }
  });
  return true;
}

export async function seedDemo(ctx: AppContext): Promise<void> {
  await seedDemoIdentity(ctx);
  for (const seeder of demoSeeders) await seeder(ctx);
}
