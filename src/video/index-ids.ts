// Video frames in the PDQ match index. Images are indexed under their media id; a video's frames are
// indexed one entry per stored frame (media_frames row), under an id in a disjoint range so the same
// index answers both "which image / video frame looks like this still" and "which media share frames
// with this video". Ids stay positive 31-bit integers (what the index implementations accept):
//   media id  m            → index id m                      (m < 2^30)
//   media_frames row id f  → index id FRAME_INDEX_ID_BASE + f (f < 2^30)

import type { IndexFrameHit } from './match.js';

export const FRAME_INDEX_ID_BASE = 2 ** 30;

export type IndexEntryRef = { kind: 'media'; mediaId: number } | { kind: 'frame'; frameRowId: number };

function checkRowId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id <= 0 || id >= FRAME_INDEX_ID_BASE) throw new RangeError(`${what} must be an integer in [1, 2^30), got ${id}`);
  return id;
}

/** Index id of a stored video frame (media_frames.id). */
export function frameIndexId(frameRowId: number): number {
  return FRAME_INDEX_ID_BASE + checkRowId(frameRowId, 'media_frames.id');
}

/** Index id of a still image (media.id); unchanged, checked to stay below the frame range. */
export function mediaIndexId(mediaId: number): number {
  return checkRowId(mediaId, 'media.id');
}

export function parseIndexId(indexId: number): IndexEntryRef {
  if (!Number.isSafeInteger(indexId) || indexId <= 0 || indexId >= 2 * FRAME_INDEX_ID_BASE) throw new RangeError(`not an index id: ${indexId}`);
  return indexId >= FRAME_INDEX_ID_BASE ? { kind: 'frame', frameRowId: indexId - FRAME_INDEX_ID_BASE } : { kind: 'media', mediaId: indexId };
}

export function isFrameIndexId(indexId: number): boolean {
  return indexId >= FRAME_INDEX_ID_BASE;
}

/** A stored frame as the pipeline reads it back (SELECT id, media_id, frame, timestamp_s, pdq FROM media_frames). */
export interface StoredFrameRef {
  mediaId: number;
  frame: number;
  timestamp?: number;
  hash?: string;
}

/**
 * Turn raw index hits ({id, distance}) into per-media frame hits for matchVideoAgainstIndex: image ids
 * become {mediaId, frame: 0}; frame ids are resolved through `frames` (a batched lookup of
 * media_frames rows). Hits whose row has gone (deleted meanwhile) are skipped.
 */
export async function resolveIndexHits(
  hits: ReadonlyArray<{ id: number; distance: number }>,
  frames: (frameRowIds: number[]) => ReadonlyMap<number, StoredFrameRef> | Promise<ReadonlyMap<number, StoredFrameRef>>,
): Promise<IndexFrameHit[]> {
  const rowIds: number[] = [];
  for (const h of hits) if (isFrameIndexId(h.id)) rowIds.push(h.id - FRAME_INDEX_ID_BASE);
  const rows = rowIds.length ? await frames(rowIds) : new Map<number, StoredFrameRef>();
  const out: IndexFrameHit[] = [];
  for (const h of hits) {
    const ref = parseIndexId(h.id);
    if (ref.kind === 'media') {
      out.push({ mediaId: ref.mediaId, frame: 0, distance: h.distance });
      continue;
    }
    const row = rows.get(ref.frameRowId);
    if (!row) continue;
    out.push({
      mediaId: row.mediaId,
      frame: row.frame,
      distance: h.distance,
      ...(row.hash ? { hash: row.hash } : {}),
      ...(row.timestamp !== undefined ? { timestamp: row.timestamp } : {}),
    });
  }
  return out;
}
