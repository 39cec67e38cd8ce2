// Migrated templates of the embedded database for tests. Building one costs a PGlite cluster init, the
// migrations, pg-boss's schema and the demo accounts; loading a dump of it costs a fraction of that. The
// vitest global setup builds them once per run; each test file starts its own in-memory database from a
// copy, with a copy of the template's data-directory files (keys and whatever else a module keeps there,
// which must match the rows in the dump).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import tar from 'tar-stream';
import { loadConfig, type Config, type PasswordHashing } from '../config.js';
import { closeContext, createContext } from '../context.js';
import { seedDemo } from '../demo/seed.js';

/** argon2id cost in tests only: the smallest the library accepts, so hashing a password costs microseconds. */
export const TEST_PASSWORD_HASHING: PasswordHashing = { memoryCost: 64, timeCost: 1 };

/** One template: a PGlite data-directory dump and a folder of the data-directory files beside it. */
export interface Template {
  dump: string;
  files: string;
}
/** Without accounts (ICSE_DEMO=0) and with the demo accounts. */
export interface Templates {
  bare: Template;
  demo: Template;
}

export function testConfig(env: Record<string, string>, overrides: Partial<Config> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', ICSE_DEMO: '1', ...env }, { passwordHashing: TEST_PASSWORD_HASHING, ...overrides });
}

export async function buildTemplates(dir: string): Promise<Templates> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-template-'));
  try {
    // A data directory on disk, so each stage closes the system cleanly (jobs, sealers, files) before its dump.
    await closeContext(await createContext(testConfig({ ICSE_DATA_DIR: dataDir, ICSE_DEMO: '0' })));
    const bare = await save(dataDir, path.join(dir, 'bare'));
    const ctx = await createContext(testConfig({ ICSE_DATA_DIR: dataDir }));
    try {
      await seedDemo(ctx);
    } finally {
      await closeContext(ctx);
    }
    const demo = await save(dataDir, path.join(dir, 'demo'));
    return { bare, demo };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function save(dataDir: string, to: string): Promise<Template> {
  const pglite = new PGlite(path.join(dataDir, 'pglite'));
  try {
    await pglite.waitReady;
    const tar = await pglite.dumpDataDir('none');
    fs.writeFileSync(`${to}.tar`, Buffer.from(await tar.arrayBuffer()));
  } finally {
    await pglite.close();
  }
  fs.cpSync(dataDir, `${to}.files`, { recursive: true, filter: (src) => !['pglite', 'pglite.pid'].includes(path.basename(src)) || src === dataDir });
  return { dump: `${to}.tar`, files: `${to}.files` };
}

/** The dumps read so far in this process (a Blob is immutable, so every test system can start from the same one). */
const dumps = new Map<string, Blob>();

/** Prepares a test's data directory from a template and returns the dump to open the database from. */
export function useTemplate(template: Template, dataDir: string): Blob {
  fs.cpSync(template.files, dataDir, { recursive: true });
  let dump = dumps.get(template.dump);
  if (!dump) dumps.set(template.dump, (dump = new Blob([fs.readFileSync(template.dump)])));
  return dump;
}

/**
 * Prepares a data directory on disk from a template, for a process that opens its database there (a CLI
 * command, a server process): the template's files, and its dump unpacked as the PGlite cluster, so the
 * process starts on an existing database as after any restart.
 */
export async function unpackTemplate(template: Template, dataDir: string): Promise<void> {
  fs.cpSync(template.files, dataDir, { recursive: true });
  const root = path.join(dataDir, 'pglite');
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const to = path.join(root, path.normalize(header.name));
    if (header.type === 'directory') fs.mkdirSync(to, { recursive: true });
    else if (header.type === 'file') {
      fs.mkdirSync(path.dirname(to), { recursive: true });
      stream.pipe(fs.createWriteStream(to, { mode: 0o600 })).on('finish', next);
      return;
    }
    stream.resume();
    stream.on('end', next);
  });
  await pipeline(fs.createReadStream(template.dump), extract);
}
