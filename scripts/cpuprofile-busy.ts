// The busy stretches of a V8 CPU profile (node --cpu-prof): runs of samples with no (idle) between them, at least
// MIN ms long, each with the functions it spent its time in (own time) and the frames on its stacks (total time).
// A stretch of the main thread is an upper bound of an event-loop hold: several short tasks back to back show as one.
//   npx tsx scripts/cpuprofile-busy.ts FILE.cpuprofile [MIN_MS=250]
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, minArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx scripts/cpuprofile-busy.ts FILE.cpuprofile [MIN_MS]');
  process.exit(2);
}
const minMs = Number(minArg ?? 250);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const nameOf = (id: number) => {
  const f = byId.get(id)!.callFrame;
  return `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
};
const framesOf = (id: number) => {
  const s = new Set<string>();
  for (let x: number | undefined = id; x !== undefined; x = parentOf.get(x)) s.add(nameOf(x));
  return s;
};
const top = (m: Map<string, number>, k: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, us]) => `${name} ${(us / 1000).toFixed(0)} ms`)
    .join(' | ');

let t = profile.startTime,
  start: number | null = null,
  run: Array<[number, number]> = [];
const close = (end: number) => {
  if (start !== null && (end - start) / 1000 >= minMs) {
    const own = new Map<string, number>(),
      total = new Map<string, number>();
    for (const [id, us] of run) {
      own.set(nameOf(id), (own.get(nameOf(id)) ?? 0) + us);
      for (const f of framesOf(id)) total.set(f, (total.get(f) ?? 0) + us);
    }
    console.log(`\nbusy ${((end - start) / 1000).toFixed(0)} ms from +${((start - profile.startTime) / 1e6).toFixed(1)} s`);
    console.log(`  own:   ${top(own, 6)}`);
    console.log(`  total: ${top(total, 12)}`);
  }
  start = null;
  run = [];
};
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i]!;
  const id = profile.samples[i]!;
  if (byId.get(id)!.callFrame.functionName === '(idle)') {
    close(t);
    continue;
  }
  start ??= t;
  run.push([id, profile.timeDeltas[i + 1] ?? 0]);
}
close(t);
