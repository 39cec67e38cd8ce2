// The audit chain's HMAC key lives outside the database: ICSE_AUDIT_KEY, else a key file in the data dir
// (created 0600 on first start, like media.key). Production requires the variable (config.ts).
import { createHmac } from 'node:crypto';
import { loadKeyFile } from '../shared/keyfile.js';

export const AUDIT_KEY_FILE = 'audit.key';

export function loadAuditKey(dataDir: string, configured: string | null): Buffer {
  return loadKeyFile(dataDir, AUDIT_KEY_FILE, configured);
}

export function hmacHex(key: Buffer, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  parts.forEach((p, i) => {
    if (i) h.update('\n');
    h.update(p);
  });
  return h.digest('hex');
}
