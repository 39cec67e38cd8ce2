// `npm run bench:ingest [-- --n 10000]`: a generated seizure end to end (upload → hashing → matching →
// triage) on the embedded database in-process; prints files/s and peak RSS. Last line machine-readable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { startSystem } from '../src/server.js';
import { generatedImage, multipartBody } from '../src/seizures/fixtures.js';

const arg = (name: string, def: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const n = arg('--n', 10_000);
const chunk = arg('--chunk', 250);
const log = (m: string) => process.stderr.write(`${m}\n`);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icse-bench-'));
const config = loadConfig({ ...process.env, NODE_ENV: 'test', ICSE_DEMO: '1', ICSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
log(`generating ${n} images…`);
const files: Array<{ name: string; data: Buffer }> = [];
for (let i = 0; i < n; i++) files.push({ name: `img/${String(i).padStart(6, '0')}.jpg`, data: await generatedImage(i + 1, { width: 160, height: 120, format: 'jpeg' }) });
const bytes = files.reduce((s, f) => s + f.data.length, 0);
log(`generated ${(bytes / 1e6).toFixed(1)} MB; starting the system (${config.databaseUrl ? 'PostgreSQL' : 'PGlite on disk'})`);
const system = await startSystem(config, { memoryDb: false, listen: false });
const app = system.app;
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'de.investigator@demo.icse', password: 'demo-password' } });
const cookies = { icse_session: login.cookies.find((c) => c.name === 'icse_session')!.value };
const kase = (await app.inject({ method: 'POST', url: '/api/v1/cases', cookies, payload: { reference: `BENCH-${Date.now()}`, title: 'bench' } })).json();
const seizure = (await app.inject({ method: 'POST', url: `/api/v1/cases/${kase.id}/seizures`, cookies, payload: { label: 'bench' } })).json();
peak = process.memoryUsage().rss;

const t0 = Date.now();
for (let i = 0; i < files.length; i += chunk) {
  const { body, contentType } = multipartBody(files.slice(i, i + chunk));
  const r = await app.inject({ method: 'POST', url: `/api/v1/seizures/${seizure.id}/files`, cookies, payload: body, headers: { 'content-type': contentType } });
  if (r.statusCode !== 200) throw new Error(`upload: ${r.statusCode} ${r.body}`);
}
const tUpload = (Date.now() - t0) / 1000;
log(`uploaded in ${tUpload.toFixed(1)} s (${(n / tUpload).toFixed(0)} files/s)`);
let last = 0;
for (;;) {
  const s = (await app.inject({ method: 'GET', url: `/api/v1/seizures/${seizure.id}`, cookies })).json();
  if (s.status === 'complete') break;
  if (Date.now() - last > 5000) { last = Date.now(); log(`  processed ${s.counts.done + s.counts.error}/${s.counts.items} (${((s.counts.done + s.counts.error) / ((Date.now() - t0) / 1000)).toFixed(1)} files/s)`); }
  await new Promise((r) => setTimeout(r, 250));
}
const total = (Date.now() - t0) / 1000;
const triage = (await app.inject({ method: 'GET', url: `/api/v1/seizures/${seizure.id}/triage?limit=1`, cookies })).json();
clearInterval(sampler);
await system.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
const filesPerS = n / total;
log(`end to end ${total.toFixed(1)} s; summary ${JSON.stringify(triage.summary)}`);
process.stdout.write(`bench:ingest n=${n} files_per_s=${filesPerS.toFixed(1)} peak_rss_mb=${Math.round(peak / 1024 / 1024)} seconds=${total.toFixed(1)} upload_s=${tUpload.toFixed(1)}\n`);
process.exit(0);
