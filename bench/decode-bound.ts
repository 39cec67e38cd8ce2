// One decode process of bench:ingest's decode bound: decodes the files named on the command line one after
// another, as one djpeg process of the baseline does, and prints {"start","end"} (ms since the epoch) around
// the decodes only (the start-up of Node is not the decoder's). `--sharp`: sharp's path instead of decodeImage.
// `--at T`: start at T (ms since the epoch), so the processes of one measurement decode side by side.
import fs from 'node:fs';
import { decodeImage } from '../src/imaging/index.js';
import { decodeViaSharp } from './sharp-decode.js';

const viaSharp = process.argv.includes('--sharp');
const atIndex = process.argv.indexOf('--at');
const at = atIndex > 0 ? Number(process.argv[atIndex + 1]) : 0;
const files = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--at');
const bytes = files.map((f) => fs.readFileSync(f));
const decode = viaSharp ? decodeViaSharp : (b: Buffer) => decodeImage(b);
await decode(bytes[0]!); // loads the decoder (and the native library) before the clock starts
while (Date.now() < at) await new Promise((r) => setTimeout(r, Math.min(50, at - Date.now())));
const start = performance.timeOrigin + performance.now();
for (const b of bytes) await decode(b);
const end = performance.timeOrigin + performance.now();
process.stdout.write(JSON.stringify({ start, end }) + '\n');
