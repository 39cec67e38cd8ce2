// One of each thing (issue 15): production code starts worker threads only through the shared pool, defines
// the PDQ Hamming distance only in src/matching/code.ts, and swallows no failure with a bare catch-all.
// (The composition root's own check is src/services.test.ts.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.dirname(new URL(import.meta.url).pathname);

function productionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : productionFiles(file);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.test-worker\.ts$/.test(e.name) ? [file] : [];
  });
}

/** `file:line: text` of each production line matching `re`, outside the files allowed to. */
function offenders(re: RegExp, allowed: string[] = []): string[] {
  return productionFiles(src)
    .filter((f) => !allowed.includes(path.relative(src, f)))
    .flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => (re.test(line) ? `${path.relative(src, f)}:${i + 1}: ${line.trim()}` : null))
        .filter((x): x is string => x !== null),
    );
}

describe('one of each thing', () => {
  it('worker threads start only in src/shared/worker-pool.ts', () => {
    expect(offenders(/\bnew Worker\(/, ['shared/worker-pool.ts'])).toEqual([]);
  });

  it("the pure libraries' WebAssembly kernels are instantiated only in src/shared/wasm-kernel.ts", () => {
    // wasm-scan.ts instantiates its scan per code array (an imported memory), not one kernel per thread.
    expect(offenders(/new WebAssembly\.Instance\(/, ['shared/wasm-kernel.ts', 'matching/wasm-scan.ts'])).toEqual([]);
  });

  it('the PDQ Hamming distance (popcount, hamming) is defined only in src/matching/code.ts', () => {
    expect(offenders(/\b(function|const|let)\s+(popcount|hamming)\w*\s*[=(]/i, ['matching/code.ts'])).toEqual([]);
  });

  it('no failure is swallowed by a catch-all returning undefined or null', () => {
    expect(offenders(/\.catch\(\(\) => (undefined|null)\)/)).toEqual([]);
  });

  it('the scans see what they look for', () => {
    const pool = fs.readFileSync(path.join(src, 'shared/worker-pool.ts'), 'utf8');
    const code = fs.readFileSync(path.join(src, 'matching/code.ts'), 'utf8');
    expect(pool).toMatch(/\bnew Worker\(/);
    expect(code).toMatch(/\bfunction\s+hamming\w*\s*\(/i);
    expect('x.catch(() => undefined)').toMatch(/\.catch\(\(\) => (undefined|null)\)/);
  });
});
