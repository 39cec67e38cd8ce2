// A background run that callers share: a call while a run is in flight joins it and asks for one more pass,
// so bursts of wake-ups (NOTIFY, commits, timers) cost one run, never concurrent ones.
export class CoalescedRun {
  private running: Promise<number> | null = null;
  private again = false;

  /**
   * `pass` does one pass and returns how much it did; `repeatWhile` may stop the extra passes (e.g. at shutdown);
   * `after` runs once at the end of each run, still inside it.
   */
  constructor(
    private readonly pass: () => Promise<number>,
    private readonly opts: { repeatWhile?: () => boolean; after?: () => Promise<void> } = {},
  ) {}

  /** The run in flight, if any. */
  get current(): Promise<number> | null {
    return this.running;
  }

  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          total += await this.pass();
        } while (this.again && (this.opts.repeatWhile?.() ?? true));
        await this.opts.after?.();
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }
}
