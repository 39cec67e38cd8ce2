// `icse` command line: a thin dispatcher; each command lives in its module and returns an exit code.
type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  hash: {
    summary: 'icse hash FILE|DIR… [--dihedral] [--json]   hash images and videos (PDQ, MD5, SHA-1, SHA-256)',
    run: async (a) => (await import('./imaging/hash-command.js')).runHashCommand(a),
  },
  ingest: {
    summary: 'icse ingest PATH --case ID [--as EMAIL] [--label L]   ingest a folder/archive into a seizure (resumable; server must be stopped on PGlite)',
    run: async (a) => (await import('./seizures/ingest-command.js')).runIngestCommand(a),
  },
  admin: {
    summary: 'icse admin create --email E --name N --password P   create an administrator (prints the TOTP secret)',
    run: async (a) => (await import('./identity/admin-command.js')).runAdminCommand(a),
  },
  'rehash-pdq': {
    summary: 'icse rehash-pdq   hash again, from the stored bytes, the photos migration 020 could only derive (EXIF-rotated rows hashed before it)',
    run: async (a) => (await import('./seizures/rehash-pdq.js')).runRehashCommand(a),
  },
  export: {
    summary: 'icse export vics --case ID [--version 2.0|1.3] | export hashes --format icse|pdq|md5|sha1 [--filter …]   (--as EMAIL)',
    run: async (a) => (await import('./interchange/cli-command.js')).runInterchangeCommand('export', a),
  },
  import: {
    summary: 'icse import vics FILE [--case ID] | import hashes FILE --bank NAME   (--as EMAIL)',
    run: async (a) => (await import('./interchange/cli-command.js')).runInterchangeCommand('import', a),
  },
  media: {
    summary: 'icse media migrate [--from-dir DATA_DIR]   rewrite media objects in the chunked format; copy a local store into the configured one (resumable)',
    run: async (a) => (await import('./media/migrate-command.js')).runMediaCommand(a),
  },
  serve: {
    summary: 'icse serve [--role api|worker|all]   run the server: api (HTTP, no job workers), worker (jobs, /health only), all (default)',
    run: async (a) => process.exit(await (await import('./serve-command.js')).runServeCommand(a)), // a stopped server leaves no work
  },
  audit: {
    summary: 'icse audit verify [--checkpoints FILE]…   verify the keyed audit chain and its checkpoints outside the database',
    run: async (a) => (await import('./audit/verify-command.js')).runAuditCommand(a),
  },
};

export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(
      `usage: icse <command> [args]\n\n${Object.values(commands)
        .map((c) => '  ' + c.summary)
        .join('\n')}\n`,
    );
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`icse: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
