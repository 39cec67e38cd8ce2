// Debian packages unpacked into a cache directory of the project's (no root, no apt install): `apt-get download`
// then `dpkg-deb -x`. Used for the benign photos (fetch-photos.ts) and the benches' reference tools (djpeg).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Downloads (once) and unpacks each package under `<dir>/root`; returns the packages unpacked there (skips those apt cannot get). */
export function unpackDebianPackages(dir: string, packages: readonly string[], log = (m: string) => console.error(m)): string[] {
  const debs = path.join(dir, 'debs'),
    root = path.join(dir, 'root');
  fs.mkdirSync(debs, { recursive: true });
  fs.mkdirSync(root, { recursive: true });
  const unpacked: string[] = [];
  for (const pkg of packages) {
    const done = path.join(root, `.${pkg}.done`);
    if (!fs.existsSync(done)) {
      try {
        execFileSync('apt-get', ['download', pkg], { cwd: debs, stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (e) {
        const why = String((e as { stderr?: Buffer }).stderr ?? e)
          .trim()
          .split('\n')
          .pop();
        log(`${pkg}: not downloadable here (${why}); skipped`);
        continue;
      }
      for (const f of fs.readdirSync(debs).filter((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'))) {
        execFileSync('dpkg-deb', ['-x', path.join(debs, f), root]);
      }
      fs.writeFileSync(done, new Date().toISOString());
      log(`${pkg}: unpacked into ${root}`);
    }
    unpacked.push(pkg);
  }
  return unpacked;
}

/**
 * A command-line tool: the one on PATH, else the binary of a Debian package unpacked into `dir` (with its
 * shared libraries beside it). Returns the command and the environment to run it with, or null.
 */
export function debianTool(
  binary: string,
  packages: readonly string[],
  dir: string,
  log?: (m: string) => void,
): { path: string; env: NodeJS.ProcessEnv } | null {
  try {
    const onPath = execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim();
    if (onPath) return { path: onPath, env: process.env };
  } catch {
    /* not on PATH: unpack it */
  }
  unpackDebianPackages(dir, packages, log);
  const bin = path.join(dir, 'root/usr/bin', binary);
  if (!fs.existsSync(bin)) return null;
  // The packages' shared libraries sit under usr/lib/<multiarch triplet> (x86_64-linux-gnu, aarch64-linux-gnu, …).
  const lib = path.join(dir, 'root/usr/lib');
  const libs = fs.existsSync(lib)
    ? fs
        .readdirSync(lib)
        .filter((d) => d.endsWith('-linux-gnu'))
        .map((d) => path.join(lib, d))
    : [];
  return { path: bin, env: { ...process.env, LD_LIBRARY_PATH: [...libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') } };
}
