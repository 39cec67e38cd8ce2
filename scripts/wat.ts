// WebAssembly text -> binary with wabt (a dev dependency: only the build and the freshness tests need it).
import wabtInit from 'wabt';

export async function compileWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  // Shared memories need the threads feature, which wabt's validator rejects even when enabled:
  // such modules are validated by the engine instead.
  const shared = /\(memory[^)]*\bshared\b/.test(text);
  const mod = wabt.parseWat(name, text, { simd: true, threads: shared });
  try {
    if (!shared) mod.validate();
    else if (!WebAssembly.validate(mod.toBinary({ log: false, write_debug_names: false }).buffer as Uint8Array<ArrayBuffer>))
      throw new Error(`${name}: invalid module`);
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
