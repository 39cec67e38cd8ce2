// `icse media migrate [--from-dir DATA_DIR] [--quiet]`: rewrites objects of the one-blob format (v1) in the
// chunked format, in place; with --from-dir, also copies every object of that data dir's local store into the
// configured store (e.g. into S3 after setting ICSE_MEDIA_STORE). Resumable and idempotent: a killed run
// is simply run again (objects already chunked are skipped; half-written temporaries are swept).
// Needs no database; the media key is the server's (ICSE_MEDIA_KEY or the data dir's media.key).
import path from 'node:path';
import { loadConfig } from '../config.js';
import { LocalBackend } from './backend.js';
import { openMediaStore } from './store.js';

export async function runMediaCommand(args: string[]): Promise<number> {
  const usage = 'usage: icse media migrate [--from-dir DATA_DIR] [--quiet]\n';
  if (args[0] !== 'migrate') {
    process.stderr.write(usage);
    return 2;
  }
  let fromDir: string | null = null;
  let quiet = false;
  for (let i = 1; i < args.length; i++) {
    if (args[i] === '--from-dir' && args[i + 1]) fromDir = path.resolve(args[++i]!);
    else if (args[i] === '--quiet') quiet = true;
    else {
      process.stderr.write(`unknown argument ${args[i]}\n${usage}`);
      return 2;
    }
  }
  const config = loadConfig();
  const store = await openMediaStore(config);
  const from = fromDir ? new LocalBackend(path.join(fromDir, 'media')) : undefined;
  const swept = await store.sweepTemp(); // an hour old: a running server may be writing the newer ones
  process.stdout.write(
    `media store: ${store.backend.description}${from ? ` (copying from ${from.description})` : ''}; ${swept} leftover temporaries removed\n`,
  );
  const sum = await store.migrate({
    from,
    onObject: quiet
      ? undefined
      : (name, outcome) => {
          if (outcome !== 'skipped') process.stdout.write(`${outcome} ${name}\n`);
        },
  });
  for (const f of sum.failed) process.stdout.write(`FAILED ${f.name}: ${f.message}\n`);
  process.stdout.write(
    `${sum.scanned} objects: ${sum.converted} converted, ${sum.copied} copied, ${sum.skipped} already chunked, ${sum.failed.length} failed\n`,
  );
  return sum.failed.length ? 1 : 0;
}
