// Test helper: media rows inserted directly (benign: random hashes, no bytes), independent of the ingest pipeline.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import type { Distribution } from '../access/visibility.js';

export interface TestMediaInput {
  ownerEmail: string;
  distribution?: Distribution;
  sharedWith?: string[];
  pdq?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  seriesId?: number;
  cameraMake?: string;
  cameraModel?: string;
  cameraSerial?: string;
  capturedAt?: string;
  gps?: [number, number];
  exif?: Record<string, unknown>;
  width?: number;
  height?: number;
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** Flips `bits` distinct bits of a 64-hex PDQ hash. */
export function flipBits(pdq: string, bits: number, offset = 0): string {
  const b = Buffer.from(pdq, 'hex');
  for (let i = 0; i < bits; i++) {
    const k = (offset + i * 37) % 256; // spread over many 16-bit chunks
    b[k >> 3]! ^= 1 << (k & 7);
  }
  return b.toString('hex');
}

export async function userOf(db: Db, email: string) {
  return db
    .selectFrom('users' as never)
    .select(['id', 'agency_id', 'country_code'] as never)
    .where('email' as never, '=', email as never)
    .executeTakeFirstOrThrow() as Promise<{ id: number; agency_id: number; country_code: string }>;
}

export async function insertMedia(db: Db, m: TestMediaInput): Promise<{ id: number; sha256: string; md5: string; sha1: string; pdq: string }> {
  const owner = await userOf(db, m.ownerEmail);
  const row = { sha256: m.sha256 ?? randomHex(32), md5: m.md5 ?? randomHex(16), sha1: m.sha1 ?? randomHex(20), pdq: m.pdq ?? randomHex(32) };
  const r = await sql<{ id: number }>`INSERT INTO media (sha256, md5, sha1, pdq, pdq_quality, width, height, format, size_bytes, exif,
      camera_make, camera_model, camera_serial, captured_at, gps_lat, gps_lon, series_id, owner_country, owner_agency_id, distribution, shared_with)
    VALUES (${row.sha256}, ${row.md5}, ${row.sha1}, ${row.pdq}, 100, ${m.width ?? 640}, ${m.height ?? 480}, 'jpeg', 12345, ${JSON.stringify(m.exif ?? {})}::jsonb,
      ${m.cameraMake ?? null}, ${m.cameraModel ?? null}, ${m.cameraSerial ?? null}, ${m.capturedAt ?? null}, ${m.gps?.[0] ?? null}, ${m.gps?.[1] ?? null},
      ${m.seriesId ?? null}, ${owner.country_code}, ${owner.agency_id}, ${m.distribution ?? 'all'}, ${m.sharedWith ?? []}::text[])
    RETURNING id`.execute(db);
  return { id: r.rows[0]!.id, ...row };
}

export async function auditRows(db: Db, action: string, objectId?: number | string) {
  return (
    await sql<{
      seq: string;
      actor_email: string;
      object_id: string | null;
      details: Record<string, unknown>;
    }>`SELECT seq, actor_email, object_id, details FROM audit_log
    WHERE action = ${action} ${objectId != null ? sql`AND object_id = ${String(objectId)}` : sql``} ORDER BY seq`.execute(db)
  ).rows;
}
