import { describe, expect, it } from 'vitest';
import { Probe, PROBE_WAIT_MS } from './health.js';

const later = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

describe('/health database probe', () => {
  it('waits for the first answer, then answers from the last one while the database is busy', async () => {
    let delay = 0;
    let n = 0;
    const probe = new Probe(() => later(delay, ++n));
    expect(await probe.read()).toMatchObject({ value: 1, waiting: false });

    delay = 1000; // the one connection is held by a long transaction
    const t0 = performance.now();
    const busy = await probe.read();
    const waited = performance.now() - t0;
    expect(busy.value).toBe(1);
    expect(busy.waiting).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(PROBE_WAIT_MS - 5);
    expect(waited).toBeLessThan(900);
    // Concurrent callers share the read in flight instead of queueing more work on the connection.
    await probe.read();
    expect(n).toBe(2);
  });

  it('a database that answers with an error fails the check', async () => {
    let fail = false;
    const probe = new Probe(async () => {
      if (fail) throw new Error('connection refused');
      return 7;
    });
    expect((await probe.read()).value).toBe(7);
    fail = true;
    await expect(probe.read()).rejects.toThrow('connection refused');
  });

  it('the first read waits for the database even past the wait limit', async () => {
    const probe = new Probe(() => later(PROBE_WAIT_MS * 3, 'ok'));
    expect(await probe.read()).toMatchObject({ value: 'ok', waiting: false, lastAnsweredMsAgo: 0 });
  });
});
