// Poster frame: a small JPEG of one representative frame, for the triage screen. Either encoded from
// a frame kept during hashing (no second decode) or extracted on its own at a given time.

import sharp from 'sharp';
import { VideoDecodeError } from './errors.js';
import { inputArgs, runFfmpeg, safeInputUrl, stderrReason } from './ffmpeg.js';
import { probeVideo, type VideoLimits } from './probe.js';

export interface PosterOptions {
  /** Longest side of the JPEG in pixels (default 320; never enlarged). */
  maxSize?: number;
  /** JPEG quality 1..100 (default 80). */
  quality?: number;
}

export interface PosterJpeg {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Encode interleaved RGB24 pixels as a poster JPEG. */
export async function encodePosterJpeg(pixels: Uint8Array, width: number, height: number, options: PosterOptions = {}): Promise<PosterJpeg> {
  const maxSize = options.maxSize ?? 320;
  const { data, info } = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .resize(maxSize, maxSize, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: options.quality ?? 80 })
    .toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height };
}

/**
 * Poster of a video file without hashing it: the frame at `atSeconds` (default: the middle of the
 * video, or the first frame when the duration is unknown). Same header checks and limits as hashVideo.
 */
export async function videoPosterJpeg(
  path: string,
  options: PosterOptions & VideoLimits & { atSeconds?: number; timeoutMs?: number } = {},
): Promise<PosterJpeg & { timestamp: number }> {
  const probe = await probeVideo(path, options);
  const at = Math.max(0, options.atSeconds ?? (probe.durationS !== null ? probe.durationS / 2 : 0));
  const frameBytes = probe.width * probe.height * 3;
  let pixels: Buffer | null = null;
  const chunks: Buffer[] = [];
  let got = 0;
  const input = await safeInputUrl(path);
  let run;
  try {
    run = await runFfmpeg(
      [
        '-loglevel',
        'error',
        // Input seeking lands on the keyframe before `at`, then decodes up to it (accurate seek).
        '-ss',
        at.toFixed(3),
        ...inputArgs(input.url, options.demuxers),
        '-map',
        `0:${probe.streamIndex}`,
        '-an',
        '-sn',
        '-dn',
        '-frames:v',
        '1',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        'pipe:1',
      ],
      {
        timeoutMs: options.timeoutMs ?? 60_000,
        signal: options.signal,
        onStdout: async (stdout) => {
          for await (const chunk of stdout as AsyncIterable<Buffer>) {
            if (got < frameBytes) chunks.push(chunk.subarray(0, frameBytes - got));
            got += chunk.length;
          }
        },
      },
    );
  } finally {
    await input.cleanup();
  }
  if (run.timedOut) throw new VideoDecodeError('timeout', 'extracting the poster frame took too long', { path });
  if (got >= frameBytes) pixels = Buffer.concat(chunks, frameBytes);
  if (!pixels) {
    if (options.atSeconds === undefined && at > 0) return videoPosterJpeg(path, { ...options, atSeconds: 0 });
    throw new VideoDecodeError(run.code === 0 ? 'no_frames' : 'corrupt', `no frame at ${at.toFixed(3)} s (${stderrReason(run.stderr)})`, { path });
  }
  return { ...(await encodePosterJpeg(pixels, probe.width, probe.height, options)), timestamp: at };
}
