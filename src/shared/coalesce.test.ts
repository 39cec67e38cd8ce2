import { describe, expect, it } from 'vitest';
import { CoalescedRun } from './coalesce.js';

describe('CoalescedRun', () => {
  it('callers during a run share it and get exactly one more pass, then the finish step', async () => {
    let passes = 0;
    let release!: () => void;
    const events: string[] = [];
    const run = new CoalescedRun(
      async () => {
        passes++;
        events.push(`pass ${passes}`);
        if (passes === 1) await new Promise<void>((r) => (release = r));
        return 1;
      },
      { after: async () => void events.push('after') },
    );
    const first = run.run();
    const second = run.run();
    const third = run.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    expect(await first).toBe(2);
    expect(events).toEqual(['pass 1', 'pass 2', 'after']);
    expect(run.current).toBeNull();
  });

  it('repeatWhile stops the extra pass (shutdown), and a failing pass frees the runner', async () => {
    let stopped = false;
    let passes = 0;
    let release!: () => void;
    const run = new CoalescedRun(
      async () => {
        passes++;
        await new Promise<void>((r) => (release = r));
        if (passes === 2) throw new Error('database gone');
        return 1;
      },
      { repeatWhile: () => !stopped },
    );
    const a = run.run();
    void run.run();
    stopped = true;
    release();
    expect(await a).toBe(1);
    expect(passes).toBe(1);
    const b = run.run();
    release();
    await expect(b).rejects.toThrow('database gone');
    expect(run.current).toBeNull();
  });
});
