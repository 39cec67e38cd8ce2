// Robust near-duplicate stage (second stage after PDQ): border trimming, centre-crop PDQ pyramid,
// exact region index and explainable scoring. Pure: callers hand in decoded pixels.
export { detectBorders, cropPixels, type BorderTrim, type BorderOptions, type Rect } from './border.js';
export {
  robustSignatureFromPixels,
  robustQueryFromPixels,
  signatureOf,
  downscaledLuma,
  PYRAMID_DEFAULTS,
  type RobustSignature,
  type RobustQuery,
  type RegionHash,
  type QueryRegion,
  type RegionBase,
  type QueryBase,
  type PyramidOptions,
} from './signature.js';
export { RobustIndex, MATCH_DEFAULTS, type RobustMatch, type RobustStage, type MatchRule, type MatchOptions, type DihedralVariant } from './matcher.js';
export type { CodeIndex, CodeHit } from './code-index.js';
