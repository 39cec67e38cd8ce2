// I/O side of the match index (snapshots on disk, catch-up from a row source).
// See store.ts. The pure search structure is in ../matching.
export { MatchIndexStore } from './store.js';
export type { MatchIndexStoreOptions, MatchRow, MatchRowSource, OpenReport, Watermark } from './store.js';
