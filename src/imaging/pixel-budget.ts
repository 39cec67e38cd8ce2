// A decode concurrency budget counted in pixels: decoding costs memory in proportion to pixels (4–8 bytes
// each, plus the PDQ buffers), so the workers together decode at most `budget` pixels at once. An image larger
// than the whole budget still runs, alone. Waiters are served in arrival order (a large image is not starved
// by a stream of small ones).

export class PixelBudget {
  private inUse = 0;
  private running = 0;
  private readonly waiting: Array<{ pixels: number; grant: () => void }> = [];
  /** Highest number of pixels granted at once (for tests and /health-style reports). */
  peak = 0;

  constructor(readonly budget: number) {}

  /** Waits until `pixels` fit, then holds them; call the returned function once to give them back. */
  async acquire(pixels: number): Promise<() => void> {
    const n = Math.max(1, Math.floor(pixels));
    if (!this.waiting.length && this.fits(n)) this.take(n);
    else
      await new Promise<void>((grant) => {
        this.waiting.push({ pixels: n, grant });
      });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse -= n;
      this.running--;
      this.pump();
    };
  }

  get pending(): number {
    return this.waiting.length;
  }
  get pixelsInUse(): number {
    return this.inUse;
  }

  private fits(n: number) {
    return this.running === 0 || this.inUse + n <= this.budget;
  }

  private take(n: number) {
    this.inUse += n;
    this.running++;
    if (this.inUse > this.peak) this.peak = this.inUse;
  }

  private pump() {
    while (this.waiting.length && this.fits(this.waiting[0]!.pixels)) {
      const w = this.waiting.shift()!;
      this.take(w.pixels);
      w.grant();
    }
  }
}
