// `icse admin create`: the first administrator of a production installation (prints the TOTP secret once).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { closeContext, createContext } from '../context.js';
import { systemPrincipal } from '../access/principal.js';
import { identityRepo } from './repository.js';

export async function runAdminCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    process.stderr.write('usage: icse admin create --email E --name N --password P [--country XG --country-name "General Secretariat" --ncb-name "…"]\n');
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      country: { type: 'string', default: 'XG' },
      'country-name': { type: 'string', default: 'General Secretariat (hub)' },
      'ncb-name': { type: 'string', default: 'Crimes Against Children unit' },
    },
  });
  if (!values.email || !values.name || !values.password) {
    process.stderr.write('icse admin create: --email, --name and --password are required\n');
    return 2;
  }
  const ctx = await createContext(loadConfig(), { startJobs: false });
  try {
    const system = systemPrincipal('cli');
    const code = values.country!.toUpperCase();
    const result = await ctx.db.transaction().execute(async (trx) => {
      if (!(await identityRepo.findCountry(trx, code))) {
        await ctx.identity.upsertCountry(system, { code, name: values['country-name']!, ncbName: values['ncb-name']!, isHub: code === 'XG' }, trx);
      }
      const agency = (await identityRepo.listAgencies(trx, code))[0]!;
      return ctx.identity.createUser(
        system,
        { email: values.email!, displayName: values.name!, password: values.password!, role: 'admin', agencyId: agency.id },
        trx,
      );
    });
    process.stdout.write(
      `administrator ${result.user.email} created (id ${result.user.id})\nTOTP secret: ${result.totpSecret}\nadd it to an authenticator app: ${result.otpauthUri}\n`,
    );
    return 0;
  } finally {
    await closeContext(ctx);
  }
}
