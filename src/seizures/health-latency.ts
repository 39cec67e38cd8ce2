// /health latency measured from a test (issue 14 items 9 and 10): a real socket on a loopback port, the same
// event loop and database as the work being measured. The bound is 200 ms above what the machine itself adds:
// the idle latencies of the same run (a few ms on a quiet machine; on a shared, overloaded one the scheduler
// alone can add seconds, which no code change removes).
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestSystem } from '../testing/harness.js';

export async function listen(sys: TestSystem): Promise<number> {
  await sys.app.listen({ port: 0, host: '127.0.0.1' });
  return (sys.app.server.address() as AddressInfo).port;
}

export function health(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`/health ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Polls /health one request after the other until `done` settles (plus `tailMs`); returns the latencies. */
export async function latenciesDuring(port: number, done: Promise<unknown>, tailMs = 0): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    setTimeout(() => {
      finished = true;
    }, tailMs);
  });
  const out: number[] = [];
  while (!finished) {
    out.push(await health(port));
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}

/** Idle latencies over `ms` (same polling), the same-run baseline. */
export async function idleLatencies(port: number, ms = 2000): Promise<number[]> {
  return latenciesDuring(port, new Promise((r) => setTimeout(r, ms)));
}

export interface LatencyStats {
  n: number;
  median: number;
  p99: number;
  max: number;
}
export const stats = (l: number[]): LatencyStats => {
  const s = [...l].sort((a, b) => a - b);
  return { n: s.length, median: +s[Math.floor(s.length / 2)]!.toFixed(1), p99: +s[Math.floor(s.length * 0.99)]!.toFixed(1), max: +s[s.length - 1]!.toFixed(1) };
};

/** The bound: 200 ms, plus the worst idle latency the machine itself showed in this run (a few ms when quiet). */
export const healthBound = (idle: LatencyStats) => 200 + idle.max;
