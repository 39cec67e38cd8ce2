// The audit chain's HMAC key lives outside the database: ICSE_AUDIT_KEY, else a key file in the data dir
// (created 0600 on first start, like media.key). Production requires the variable (config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';

export const AUDIT_KEY_FILE = 'audit.key';

export function loadAuditKey(dataDir: string, configured: string | null): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const file = path.join(dataDir, AUDIT_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} does not hold a 64-hex-character key`);
  return Buffer.from(hex, 'hex');
}

export function hmacHex(key: Buffer, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  parts.forEach((p, i) => {
    if (i) h.update('\n');
    h.update(p);
  });
  return h.digest('hex');
}
