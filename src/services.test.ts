// The composition root is the one place that builds services: production code elsewhere reaches them
// through ctx.services, and services receive the services they use instead of building them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.dirname(new URL(import.meta.url).pathname);

function productionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : productionFiles(file);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

describe('composition root', () => {
  it('no `new …Service(` in production code outside src/services.ts', () => {
    const offenders = productionFiles(src)
      .filter((f) => f !== path.join(src, 'services.ts'))
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => (/\bnew \w+Service\(/.test(line) ? `${path.relative(src, f)}:${i + 1}: ${line.trim()}` : null))
          .filter((x): x is string => x !== null),
      );
    expect(offenders).toEqual([]);
  });

  it('the scan sees a construction where there is one', () => {
    expect(fs.readFileSync(path.join(src, 'services.ts'), 'utf8')).toMatch(/\bnew \w+Service\(/);
  });
});
