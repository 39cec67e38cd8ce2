import { describe, expect, it } from 'vitest';
import { PixelBudget } from './pixel-budget.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('PixelBudget (issue 14 item 11: decode memory bounded by pixels in flight)', () => {
  it('holds back a decode that would exceed the budget until pixels are given back, in arrival order', async () => {
    const b = new PixelBudget(100);
    const order: string[] = [];
    const r1 = await b.acquire(60);
    const p2 = b.acquire(60).then((r) => {
      order.push('second');
      return r;
    });
    const p3 = b.acquire(10).then((r) => {
      order.push('third');
      return r;
    });
    await tick();
    expect(order).toEqual([]); // 60 + 60 > 100; the small one waits its turn behind it
    expect(b.pixelsInUse).toBe(60);
    r1();
    const r2 = await p2;
    const r3 = await p3;
    expect(order).toEqual(['second', 'third']);
    expect(b.pixelsInUse).toBe(70);
    r2();
    r3();
    r3(); // releasing twice gives back once
    expect(b.pixelsInUse).toBe(0);
    expect(b.peak).toBeLessThanOrEqual(100);
  });

  it('runs an image larger than the whole budget alone, never beside others', async () => {
    const b = new PixelBudget(100);
    const small = await b.acquire(30);
    let bigStarted = false;
    const big = b.acquire(500).then((r) => {
      bigStarted = true;
      return r;
    });
    await tick();
    expect(bigStarted).toBe(false);
    small();
    const rb = await big;
    expect(b.pixelsInUse).toBe(500);
    let nextStarted = false;
    const next = b.acquire(1).then((r) => {
      nextStarted = true;
      return r;
    });
    await tick();
    expect(nextStarted).toBe(false);
    rb();
    (await next)();
    expect(b.pixelsInUse).toBe(0);
  });
});
