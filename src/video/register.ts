// Plugs vPDQ into `icse hash` through the imaging module's extension point (src/imaging/media.ts).
// Text output is the reference vpdq-hash-video shape, one line per sampled frame (low quality included, as the
// reference prints them; matching filters quality): frame,quality,hash,timestamp.

import { registerMediaHasher, type MediaHasher, type MediaHashOutput } from '../imaging/media.js';
import { isVideoDecodeError, type VideoDecodeReason } from './errors.js';
import { hashVideo, type HashVideoOptions } from './hash.js';
import { formatVpdqLine } from './vpdq-format.js';
import { ffmpegChoice } from './ffmpeg.js';

// The CLI reports failures with the image vocabulary; the precise video reason goes in the message.
const CLI_REASON: Record<VideoDecodeReason, string> = {
  empty: 'empty',
  unreadable: 'unreadable',
  not_video: 'unsupported',
  corrupt: 'corrupt',
  no_frames: 'corrupt',
  too_large: 'too_large',
  too_long: 'too_large',
  timeout: 'corrupt',
  unavailable: 'unsupported',
};

export interface VideoCliOutput extends MediaHashOutput {
  /** The vPDQ lines, printed as they are (the reference file format). */
  lines: string[];
}

export function videoMediaHasher(options: HashVideoOptions = {}): MediaHasher {
  return {
    async hashFile(path): Promise<VideoCliOutput> {
      try {
        const r = await hashVideo(path, options);
        const lines = r.allFrames.map(formatVpdqLine);
        const { frames: _kept, allFrames, poster: _poster, ...meta } = r;
        return { line: `vpdq,${allFrames.length},${r.sha256}`, lines, json: { ...meta, ffmpeg: ffmpegChoice().version, vpdq: allFrames } };
      } catch (err) {
        if (!isVideoDecodeError(err)) throw err;
        throw Object.assign(new Error(`video ${err.reason}: ${err.message}`, { cause: err }), { reason: CLI_REASON[err.reason] });
      }
    },
  };
}

registerMediaHasher('video', videoMediaHasher());
