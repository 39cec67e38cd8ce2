// glibc reads its tunables (GLIBC_TUNABLES) only at process start: a bench that measures with them re-runs itself.
import { spawnSync } from 'node:child_process';

/** Re-runs this script with `tunables` appended to GLIBC_TUNABLES and exits with its status, unless not on Linux,
 * `skip`, or `marker` is already in GLIBC_TUNABLES (the re-run itself). Returns only in the process that measures. */
export function rerunWithGlibcTunables(tunables: string, marker: string, skip = false): void {
  if (process.platform !== 'linux' || skip || process.env.GLIBC_TUNABLES?.includes(marker)) return;
  const env = { ...process.env, GLIBC_TUNABLES: [process.env.GLIBC_TUNABLES, tunables].filter(Boolean).join(':') };
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
