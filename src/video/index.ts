// Video: vPDQ hashing (ffmpeg + src/hashing), matching, match-index ids, poster frames.
// Crop hashes: PDQ is not crop-tolerant (a 5 % crop moves a frame 38–72 bits, past the distance 31), so
// each kept frame also carries the PDQ of its centre crops at 95 % and 90 % (frames[i].cropHashes, stored
// in media_frames.crop_pdq and indexed beside the frame). Two frames match when any of their hashes are
// within 31: copies cropped by up to ~10 % match whichever side is the query. The interchange output
// (`frame,quality,hash,timestamp` lines) stays the reference vPDQ format, without the crop hashes.
export { hashVideo, DEFAULT_HASH_OPTIONS, type HashVideoOptions, type VideoHashResult, type VideoFrameHash } from './hash.js';
export { probeVideo, DEFAULT_LIMITS, type VideoLimits, type ProbedVideo } from './probe.js';
export { VideoDecodeError, isVideoDecodeError, VIDEO_DECODE_REASONS, type VideoDecodeReason } from './errors.js';
export { ffmpegPath, VIDEO_DEMUXERS } from './ffmpeg.js';
export { formatVpdq, formatVpdqLine, parseVpdq, VpdqFormatError } from './vpdq-format.js';
export {
  matchVideos,
  matchVideoAgainstIndex,
  uniqueFrames,
  VPDQ_MAX_DISTANCE,
  VPDQ_MIN_QUALITY,
  type VpdqMatchOptions,
  type FrameLike,
  type VideoMatchScore,
  type IndexFrameHit,
  type FrameLookup,
  type CandidateFrameCounts,
  type CandidateVideoMatch,
  type FramePairing,
} from './match.js';
export {
  FRAME_INDEX_ID_BASE,
  frameIndexId,
  mediaIndexId,
  parseIndexId,
  isFrameIndexId,
  resolveIndexHits,
  type IndexEntryRef,
  type StoredFrameRef,
} from './index-ids.js';
export { videoPosterJpeg, encodePosterJpeg, type PosterOptions, type PosterJpeg } from './poster.js';
export { videoMediaColumns, mediaFrameRows, videoFormat } from './storage.js';
