// Builds the small native JPEG decoder (native/jpeg) against the system's libjpeg-turbo: run by
// `npm install` (postinstall) and before `npm test` / `npm start` (a no-op when up to date). It needs a C
// compiler, Node's headers and libjpeg's headers (Debian: libjpeg62-turbo-dev); without them it says so
// and exits 0, and decoding stays with sharp (src/imaging/jpeg-native.ts). Measured reason: README, "JPEG decode".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'native/jpeg/jpeg_decode.c');
const output = path.join(root, 'native/jpeg/build/icse_jpeg.node');

const nodeHeaders = [path.resolve(path.dirname(process.execPath), '../include/node'), '/usr/include/node', '/usr/local/include/node'].find((d) =>
  fs.existsSync(path.join(d, 'node_api.h')),
);
const upToDate = fs.existsSync(output) && fs.statSync(output).mtimeMs >= fs.statSync(source).mtimeMs;
if (upToDate) process.exit(0);
if (!nodeHeaders) {
  console.log('build-native: Node headers (node_api.h) not found; JPEG decoding stays with sharp');
  process.exit(0);
}
fs.mkdirSync(path.dirname(output), { recursive: true });
const tmp = `${output}.${process.pid}.tmp`;
try {
  execFileSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-O2', '-Wall', '-Wextra', '-I', nodeHeaders, source, '-ljpeg', '-o', tmp], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  fs.renameSync(tmp, output); // atomic: a test run never loads a half-written file
  console.log(`build-native: ${path.relative(root, output)} built (libjpeg-turbo decoder)`);
} catch (err) {
  fs.rmSync(tmp, { force: true });
  const why =
    String(err?.stderr ?? err?.message ?? err)
      .split('\n')
      .find((l) => l.trim()) ?? 'compiler failed';
  console.log(`build-native: not built (${why.trim()}); JPEG decoding stays with sharp`);
}
