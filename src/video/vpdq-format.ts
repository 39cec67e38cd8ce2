// The reference vPDQ text format (vpdq-hash-video output, sample-hashes/*.txt): one line per frame,
// `frame,quality,hash,timestamp`, timestamp in seconds with 3 decimals (std::fixed, precision 3).

import type { VideoFrameHash } from './hash.js';

export function formatVpdqLine(f: VideoFrameHash): string {
  return `${f.frame},${f.quality},${f.hash},${f.timestamp.toFixed(3)}`;
}

/** The whole hash file: one line per frame, each ending in '\n'. */
export function formatVpdq(frames: readonly VideoFrameHash[]): string {
  return frames.map((f) => formatVpdqLine(f) + '\n').join('');
}

export class VpdqFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'VpdqFormatError';
  }
}

/** Parse a vPDQ hash file (reference output or ours). Blank lines are skipped; anything malformed throws. */
export function parseVpdq(text: string): VideoFrameHash[] {
  const out: VideoFrameHash[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const parts = line.split(',');
    if (parts.length < 4) throw new VpdqFormatError('expected frame,quality,hash,timestamp', i + 1);
    const [fs, qs, hs, ts] = parts.map((p) => p.trim()) as [string, string, string, string];
    if (!/^\d+$/.test(fs)) throw new VpdqFormatError(`bad frame number '${fs.slice(0, 20)}'`, i + 1);
    if (!/^\d{1,3}$/.test(qs) || Number(qs) > 100) throw new VpdqFormatError(`bad quality '${qs.slice(0, 20)}'`, i + 1);
    if (!/^[0-9a-fA-F]{64}$/.test(hs)) throw new VpdqFormatError('bad PDQ hash (64 hex expected)', i + 1);
    const timestamp = Number(ts);
    if (!ts || !Number.isFinite(timestamp) || timestamp < 0) throw new VpdqFormatError(`bad timestamp '${ts.slice(0, 20)}'`, i + 1);
    out.push({ frame: Number(fs), quality: Number(qs), hash: hs.toLowerCase(), timestamp });
  }
  return out;
}
