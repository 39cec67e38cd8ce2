// One WebAssembly kernel per thread, as the pure libraries' kernels use it (PDQ's Jarosz filter, the place
// features, the robust work luma): the module compiled on first use from its embedded bytes (base64), one instance
// whose memory grows to the largest call, dropped after a call that left it above `keepBytes` (a worker that once
// saw a huge image keeps nothing; the next call makes a fresh instance). Unavailable where the runtime cannot
// compile the module (no WebAssembly SIMD): the callers then keep their plain path.
const PAGE = 65536;

export class WasmKernel<K extends { memory: WebAssembly.Memory }> {
  private compiled: WebAssembly.Module | null | undefined;
  private instance: K | null = null;

  constructor(
    private readonly base64: string,
    private readonly keepBytes: number,
  ) {}

  /** Whether the module compiles here. */
  get available(): boolean {
    if (this.compiled === undefined) {
      try {
        this.compiled = new WebAssembly.Module(Uint8Array.from(atob(this.base64), (c) => c.charCodeAt(0)));
      } catch {
        this.compiled = null;
      }
    }
    return this.compiled !== null;
  }

  /** The instance with at least `bytes` of memory, or null where the module does not compile. */
  with(bytes: number): K | null {
    if (!this.available) return null;
    this.instance ??= new WebAssembly.Instance(this.compiled!).exports as unknown as K;
    const have = this.instance.memory.buffer.byteLength;
    if (have < bytes) this.instance.memory.grow(Math.ceil((bytes - have) / PAGE));
    return this.instance;
  }

  /** After a call: drops the instance if its memory grew above keepBytes. */
  release(): void {
    if (this.instance && this.instance.memory.buffer.byteLength > this.keepBytes) this.instance = null;
  }
}
