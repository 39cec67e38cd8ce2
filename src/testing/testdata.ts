// Where the shared benign test data lives (never copied into the repo): $ICSE_TESTDATA_DIR, else the
// `shared/testdata` folder beside the checkout, else the workplace's /work/shared/testdata.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const candidates = [process.env.ICSE_TESTDATA_DIR, path.resolve(repoRoot, '../shared/testdata'), '/work/shared/testdata'].filter((p): p is string => !!p);

export const TESTDATA_DIR = candidates.find((p) => existsSync(path.join(p, 'pdq', 'expected'))) ?? candidates[1]!;

/**
 * True when the data is present. Missing data fails loudly (a skipped vector test would hide a regression),
 * unless ICSE_ALLOW_MISSING_TESTDATA=1 says the machine is known not to have it.
 */
export function hasSharedTestData(): boolean {
  if (existsSync(path.join(TESTDATA_DIR, 'pdq', 'expected'))) return true;
  if (process.env.ICSE_ALLOW_MISSING_TESTDATA === '1') return false;
  throw new Error(`shared test data not found (looked in ${candidates.join(', ')}); set ICSE_TESTDATA_DIR`);
}
