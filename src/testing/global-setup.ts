// Vitest global setup: the embedded-database templates (src/testing/template.ts) for the test files, built
// once and kept in node_modules/.cache keyed by everything that shapes them (migrations, the non-test
// sources, the lock file), so an unchanged tree reuses them and any change rebuilds them. The harness reads
// their paths with inject(). The PostgreSQL leg does not use them.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { buildTemplates, type Templates } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplates: Templates | null;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
const cacheDir = path.join(root, 'node_modules/.cache/icse-test-templates');

function sourceKey(): string {
  const hash = createHash('sha256');
  const walk = (dir: string, keep: (file: string) => boolean) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file, keep);
      else if (keep(file)) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  };
  walk(path.join(root, 'migrations'), (f) => f.endsWith('.sql'));
  walk(path.join(root, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  hash.update(fs.readFileSync(path.join(root, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

async function templates(): Promise<Templates> {
  const dir = path.join(cacheDir, sourceKey());
  const at = (t: 'bare' | 'demo') => ({ dump: path.join(dir, `${t}.tar`), files: path.join(dir, `${t}.files`) });
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    const building = fs.mkdtempSync(path.join(cacheDir, 'building-'));
    try {
      await buildTemplates(building);
      fs.renameSync(building, dir); // atomic: a concurrent run sees the whole template or none
    } catch (err) {
      fs.rmSync(building, { recursive: true, force: true });
      if (!fs.existsSync(dir)) throw err; // another run finished the same template first
    }
    // Older templates (other source versions) go, except the two most recent and any used within the hour (a
    // run of another checkout or source version may still be reading it); so do builds a killed run left.
    const hourAgo = Date.now() - 3600_000;
    const entries = fs
      .readdirSync(cacheDir)
      .filter((d) => d !== path.basename(dir))
      .map((d) => ({ d, t: fs.statSync(path.join(cacheDir, d)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    const stale = [
      ...entries.filter((e) => !e.d.startsWith('building-')).filter((e, i) => i >= 2 && e.t < hourAgo),
      ...entries.filter((e) => e.d.startsWith('building-') && e.t < hourAgo),
    ];
    for (const { d } of stale) fs.rmSync(path.join(cacheDir, d), { recursive: true, force: true });
  }
  const now = new Date();
  fs.utimesSync(dir, now, now); // in use: see above
  return { bare: at('bare'), demo: at('demo') };
}

export default async function setup(project: TestProject) {
  project.provide('pgliteTemplates', process.env.DATABASE_URL ? null : await templates());
}
