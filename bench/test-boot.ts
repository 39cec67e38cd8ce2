// Per-file boot of the test harness, old against new in the same run (the machine is shared, so both are
// measured alternately): "scratch" boots as every test file used to (empty PGlite cluster, migrations,
// pg-boss schema, 10 demo accounts hashed with OWASP argon2id); "template" boots as the harness does now
// (a copy of the run's migrated, seeded template; cheap argon2 parameters). Usage: npm run bench:test-boot -- [--rounds 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { startSystem } from '../src/server.js';
import { buildTemplates, testConfig, useTemplate } from '../src/testing/template.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-boot-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function boot(kind: 'scratch' | 'template', templates: Awaited<ReturnType<typeof buildTemplates>>): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(tmp, `${kind}-`));
  const t0 = performance.now();
  const env = { NODE_ENV: 'test', ICSE_DEMO: '1', ICSE_DATA_DIR: dataDir };
  const system =
    kind === 'scratch'
      ? await startSystem(loadConfig(env), { memoryDb: true, listen: false })
      : await startSystem(testConfig(env), { memoryDb: true, listen: false, template: useTemplate(templates.demo, dataDir) });
  const ms = performance.now() - t0;
  await system.stop();
  return ms;
}

const t0 = performance.now();
const templates = await buildTemplates(tmp);
const buildMs = performance.now() - t0;
const times = { scratch: [] as number[], template: [] as number[] };
for (let i = 0; i < rounds; i++) {
  for (const kind of ['scratch', 'template'] as const) times[kind].push(await boot(kind, templates));
  console.log(`round ${i + 1}: scratch ${times.scratch[i]!.toFixed(0)} ms, template ${times.template[i]!.toFixed(0)} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
}
fs.rmSync(tmp, { recursive: true, force: true });
const s = median(times.scratch),
  t = median(times.template);
console.log(`template build (once per run): ${buildMs.toFixed(0)} ms`);
console.log(`per-file boot, median of ${rounds}: scratch ${s.toFixed(0)} ms, template ${t.toFixed(0)} ms (${(s / t).toFixed(1)}x)`);
console.log(JSON.stringify({ bench: 'test-boot', rounds, buildMs: Math.round(buildMs), scratchMs: Math.round(s), templateMs: Math.round(t) }));
