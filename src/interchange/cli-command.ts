// `icse export vics|hashes` and `icse import vics|hashes`: the same services as the API, run as a named
// user (--as EMAIL, or ICSE_CLI_USER) so ownership, visibility and the audit trail are the user's.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { closeContext, createContext, type AppContext } from '../context.js';
import type { Principal } from '../access/principal.js';
import { identityRepo } from '../identity/repository.js';
import { toPrincipal } from '../identity/service.js';
import { DomainError } from '../shared/errors.js';
import { parseFilterWords } from './hashlist-service.js';
import { HASHLIST_FORMATS, type HashListFormat } from './hashlist.js';
import type { VicsScheme } from './vics-parse.js';

const USAGE = `usage:
  icse export vics --case ID [--version 2.0|1.3] [--layout cases|media] [--country Default|US|UK] [--scheme US|DHS] [--out FILE] --as EMAIL
  icse import vics FILE [--case ID] [--scheme US|DHS|UK] --as EMAIL
  icse export hashes --format icse|pdq|te|pdq-quality|md5|sha1 [--filter victim-identified,baseline,category=1,series=ID,case=ID,…] [--out FILE] --as EMAIL
  icse import hashes FILE --bank NAME [--kind sha256|pdq] --as EMAIL     (creates the bank when missing)
`;

async function principalFor(ctx: AppContext, email: string | undefined): Promise<Principal> {
  const e = email ?? process.env.ICSE_CLI_USER;
  if (!e) throw new DomainError(400, 'usage', 'name the acting user with --as EMAIL (or ICSE_CLI_USER)');
  const u = await identityRepo.findUserByEmail(ctx.db, e);
  if (!u || u.disabled) throw new DomainError(404, 'not_found', `no active user ${e}`);
  return toPrincipal(u, 'cli', 'session');
}

function write(out: string | undefined, text: string): void {
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}

export async function runInterchangeCommand(verb: 'import' | 'export', args: string[]): Promise<number> {
  const [what, ...rest] = args;
  if (what !== 'vics' && what !== 'hashes') {
    process.stderr.write(USAGE);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        case: { type: 'string' },
        version: { type: 'string' },
        out: { type: 'string' },
        scheme: { type: 'string' },
        layout: { type: 'string' },
        country: { type: 'string' },
        format: { type: 'string' },
        filter: { type: 'string', multiple: true },
        bank: { type: 'string' },
        kind: { type: 'string' },
      },
    });
  } catch (err) {
    process.stderr.write(`icse ${verb} ${what}: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const caseId = v.case !== undefined ? Number(v.case) : undefined;
  if (caseId !== undefined && (!Number.isInteger(caseId) || caseId < 1)) {
    process.stderr.write('--case takes a case id\n');
    return 2;
  }
  if (verb === 'import' && !positionals[0]) {
    process.stderr.write(`icse import ${what}: name the FILE\n${USAGE}`);
    return 2;
  }
  if (verb === 'export' && what === 'vics' && !caseId) {
    process.stderr.write(`icse export vics: --case ID is required\n`);
    return 2;
  }
  if (what === 'hashes' && verb === 'export' && v.format && !(HASHLIST_FORMATS as readonly string[]).includes(v.format)) {
    process.stderr.write(`--format is one of ${HASHLIST_FORMATS.join(', ')}\n`);
    return 2;
  }
  if (what === 'hashes' && verb === 'import' && !v.bank) {
    process.stderr.write('icse import hashes: --bank NAME is required\n');
    return 2;
  }

  const ctx = await createContext(loadConfig(), { startJobs: false });
  try {
    const p = await principalFor(ctx, v.as);
    if (what === 'vics' && verb === 'export') {
      const version = v.version === '1.3' ? '1.3' : '2.0';
      const country = (['Default', 'US', 'UK'] as const).find((c) => c.toLowerCase() === (v.country ?? '').toLowerCase());
      const scheme = v.scheme?.toUpperCase() === 'DHS' ? ('DHS' as const) : v.scheme?.toUpperCase() === 'US' ? ('US' as const) : undefined;
      const r = await ctx.services.vics.export(p, caseId!, version, {
        entity: v.layout === 'media' ? 'Media' : 'Cases',
        ...(country ? { country } : {}),
        ...(scheme ? { scheme } : {}),
      });
      write(v.out, JSON.stringify(r.document, null, 2) + '\n');
      process.stderr.write(`exported ${r.media} media as VICS ${version}${r.skipped ? ` (${r.skipped} items without an MD5 left out)` : ''}\n`);
    } else if (what === 'vics') {
      const file = positionals[0]!;
      const r = await ctx.services.vics.import(p, {
        bytes: fs.readFileSync(file),
        fileName: path.basename(file),
        caseId,
        scheme: v.scheme?.toUpperCase() as VicsScheme | undefined,
      });
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.stderr.write(
        `${r.alreadyImported ? 'already imported: ' : ''}case ${r.caseIds.join(', ')}: ${r.imported} new, ${r.reused} already known, ${r.merged} merged, ${r.rejected} rejected\n`,
      );
    } else if (verb === 'export') {
      const format = (v.format ?? 'icse') as HashListFormat;
      const r = await ctx.services.hashLists.export(p, format, parseFilterWords(v.filter ?? []));
      write(v.out, r.body);
      process.stderr.write(`exported ${r.count} hashes (${format})\n`);
    } else {
      const file = positionals[0]!;
      const kind = v.kind === 'sha256' || v.kind === 'pdq' ? v.kind : undefined;
      const r = await ctx.services.banks.importFile(p, {
        bank: v.bank!.toUpperCase(),
        bytes: fs.readFileSync(file),
        fileName: path.basename(file),
        kind,
        create: true,
      });
      process.stdout.write(JSON.stringify(r, null, 2) + '\n');
      process.stderr.write(`bank ${r.bank}: ${r.added} added, ${r.alreadyPresent} already present, ${r.rejected.length} lines rejected\n`);
    }
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      process.stderr.write(`icse ${verb} ${what}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await closeContext(ctx);
  }
}
