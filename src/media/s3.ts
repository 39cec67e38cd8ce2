// S3-compatible object storage for sealed media (AWS S3, MinIO, Ceph RGW; s3rver in tests). Keys:
// <prefix>ab/cd/<name> for objects, <prefix>tmp/<id> for writes in progress. Uploads stream through
// lib-storage's multipart Upload (8 MiB parts, 2 in flight: ~24 MiB buffered at most); a finished
// upload is copied to its content address (server-side, multipart above 5 GiB) and the temporary deleted.
// Incomplete multipart uploads of a killed process are the bucket's lifecycle rule's to abort (docs/deployment.md).
import { cleanupAfter } from '../shared/failures.js';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { changed, shardedPath, type BlobBackend } from './backend.js';
import type { S3Location } from './s3-url.js';

export { parseS3Url, type S3Location } from './s3-url.js';

/**
 * Client settings from the standard AWS variables (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, AWS_REGION;
 * credentials through the SDK's own chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
 * Path-style addressing when an endpoint is given (MinIO, Ceph, s3rver), unless AWS_S3_FORCE_PATH_STYLE=false.
 */
export function s3ClientConfigFromEnv(env: Record<string, string | undefined> = process.env): S3ClientConfig {
  const endpoint = env.AWS_ENDPOINT_URL_S3?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
  const pathStyle = env.AWS_S3_FORCE_PATH_STYLE?.trim().toLowerCase();
  return {
    region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: pathStyle ? ['1', 'true', 'yes', 'on'].includes(pathStyle) : !!endpoint,
    // Only the checksums S3 requires: other S3-compatible servers do not all speak the newer trailing ones.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

const PART = 8 * 1024 * 1024;
const COPY_PART = 512 * 1024 * 1024;
const SINGLE_COPY_MAX = 5 * 1024 ** 3;

function notFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

export class S3Backend implements BlobBackend {
  private seq = 0;
  constructor(
    readonly client: S3Client,
    readonly location: S3Location,
  ) {}
  static fromEnv(location: S3Location, env: Record<string, string | undefined> = process.env): S3Backend {
    return new S3Backend(new S3Client(s3ClientConfigFromEnv(env)), location);
  }
  get description() {
    return `s3://${this.location.bucket}/${this.location.prefix}`;
  }
  private get Bucket() {
    return this.location.bucket;
  }
  private key(name: string) {
    return this.location.prefix + shardedPath(name);
  }
  private get tmpPrefix() {
    return this.location.prefix + 'tmp/';
  }

  async head(name: string, n: number) {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.Bucket, Key: this.key(name), Range: `bytes=0-${n - 1}` }));
      const total = Number(/\/(\d+)$/.exec(r.ContentRange ?? '')?.[1] ?? r.ContentLength);
      return { total, bytes: Buffer.from(await r.Body!.transformToByteArray()), version: r.ETag };
    } catch (err) {
      if (notFound(err)) return null;
      // A zero-byte object has no satisfiable range.
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 416) return { total: 0, bytes: Buffer.alloc(0) };
      throw err;
    }
  }
  async readRange(name: string, start: number, end: number, version?: string): Promise<Readable> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.Bucket, Key: this.key(name), Range: `bytes=${start}-${end}`, ...(version ? { IfMatch: version } : {}) }),
      );
      return r.Body as Readable;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412) throw changed(name);
      throw err;
    }
  }
  private async size(key: string): Promise<number | null> {
    try {
      return (await this.client.send(new HeadObjectCommand({ Bucket: this.Bucket, Key: key }))).ContentLength ?? 0;
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }
  async exists(name: string) {
    return (await this.size(this.key(name))) !== null;
  }
  async writeTemp(source: Readable): Promise<string> {
    const Key = `${this.tmpPrefix}${process.pid}-${Date.now()}-${++this.seq}-${randomBytes(4).toString('hex')}`;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.Bucket, Key, Body: source },
      partSize: PART,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (err) {
      source.destroy();
      await cleanupAfter(err, () => this.client.send(new DeleteObjectCommand({ Bucket: this.Bucket, Key }))); // else sweepTemp removes it later
      throw err;
    }
    return Key;
  }
  async commitTemp(temp: string, name: string, overwrite = false): Promise<boolean> {
    const Key = this.key(name);
    if (!overwrite && (await this.exists(name))) {
      await this.discardTemp(temp);
      return true;
    }
    const size = await this.size(temp);
    if (size === null) throw new Error(`the temporary object ${temp} vanished before it was committed`);
    const CopySource = `${this.Bucket}/${temp.split('/').map(encodeURIComponent).join('/')}`;
    if (size <= SINGLE_COPY_MAX) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.Bucket, Key, CopySource }));
    } else {
      const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.Bucket, Key }));
      try {
        const Parts: Array<{ ETag: string; PartNumber: number }> = [];
        for (let off = 0, PartNumber = 1; off < size; off += COPY_PART, PartNumber++) {
          const r = await this.client.send(
            new UploadPartCopyCommand({
              Bucket: this.Bucket,
              Key,
              UploadId,
              PartNumber,
              CopySource,
              CopySourceRange: `bytes=${off}-${Math.min(size, off + COPY_PART) - 1}`,
            }),
          );
          Parts.push({ ETag: r.CopyPartResult!.ETag!, PartNumber });
        }
        await this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.Bucket, Key, UploadId, MultipartUpload: { Parts } }));
      } catch (err) {
        await cleanupAfter(err, () => this.client.send(new AbortMultipartUploadCommand({ Bucket: this.Bucket, Key, UploadId })));
        throw err;
      }
    }
    await this.discardTemp(temp);
    return false;
  }
  async discardTemp(temp: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.Bucket, Key: temp }));
  }
  async remove(name: string) {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.Bucket, Key: this.key(name) }));
  }
  private async *keys(Prefix: string): AsyncIterable<{ Key: string; LastModified?: Date }> {
    let ContinuationToken: string | undefined;
    do {
      const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.Bucket, Prefix, ContinuationToken }));
      for (const o of r.Contents ?? []) if (o.Key) yield { Key: o.Key, LastModified: o.LastModified };
      ContinuationToken = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }
  async *list(): AsyncIterable<string> {
    for await (const o of this.keys(this.location.prefix)) {
      if (o.Key.startsWith(this.tmpPrefix)) continue;
      const rest = o.Key.slice(this.location.prefix.length).split('/');
      if (rest.length === 3 && rest[0]!.length === 2 && rest[1]!.length === 2) yield rest[2]!;
    }
  }
  async sweepTemp(olderThanMs: number): Promise<number> {
    let removed = 0;
    for await (const o of this.keys(this.tmpPrefix)) {
      if (o.LastModified && Date.now() - o.LastModified.getTime() > olderThanMs) {
        await this.discardTemp(o.Key);
        removed++;
      }
    }
    return removed;
  }
}
