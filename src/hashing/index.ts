// Hashing library: pure PDQ core and hash-format utilities (no I/O; see src/imaging for decoding).
export * from './pdq.js';
export { lumaFromRgb } from './luma.js';
export * from './hex.js';
export { jaroszDownscale64, jaroszWindowSize, decimationIndex, box1d, releaseJaroszScratch, type LumaRows } from './jarosz.js';
export { simdAvailable, simdEnabled, setSimdEnabled } from './jarosz-simd.js';
