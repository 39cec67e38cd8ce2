// Bench caches are filled by several processes side by side (--shard): a file is written whole (a rename), so no
// run reads one half written.
import fs from 'node:fs';

export function writeWhole(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(`${file}.${process.pid}`, data);
  fs.renameSync(`${file}.${process.pid}`, file);
}
