// WebAssembly text -> binary with wabt (a dev dependency: only the build and the freshness tests need it).
import wabtInit from 'wabt';

export async function compileWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(name, text, { simd: true });
  try {
    mod.validate();
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
