// One configuration module: every setting comes from the environment, validated at boot.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseS3Url } from './media/s3-url.js';

export type Mode = 'development' | 'production' | 'test';

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  /** PostgreSQL server URL; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl: string | null;
  /** Schema to use on the server (tests isolate themselves with one schema each). */
  databaseSchema: string;
  dataDir: string;
  demo: boolean;
  /** With demo accounts: also ingest the demo seizures (generated pictures) after start. */
  demoMedia: boolean;
  /** Hex-encoded 32-byte key for media encryption at rest; embedded default: a key file in dataDir. */
  mediaKey: string | null;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  logLevel: string;
  maxImagePixels: number;
  trustProxy: boolean;
  /** argon2id cost of new password hashes (OWASP: 19 MiB, 2 passes). Only tests lower it, through overrides. */
  passwordHashing: PasswordHashing;
  /** Other origins whose pages may send state-changing requests with the session cookie (e.g. a dev server). */
  allowedOrigins: string[];
  /** Ingest hashing worker threads in this process (default: one per core). */
  hashWorkers: number;
  /** From this many stored crop/border region codes, the region search runs on a match worker thread (the event loop
   * and the embedded database go on meanwhile); below it, on the event loop (a few ms, no thread started). */
  robustWorkerFromCodes: number;
  /** Pixels being decoded at once across the hashing workers (memory ≈ 4–8 bytes a pixel); one larger image still runs alone. */
  decodePixelBudget: number;
  /** A claimed ingest item older than this is presumed dead (its process was killed) and handed back. */
  ingestLeaseSeconds: number;
  /** Video decoding limits: wall time per video (kept within the lease) and the longest video decoded. */
  videoTimeoutSeconds: number;
  videoMaxSeconds: number;
  /** Where media objects live: null for the encrypted local directory <dataDir>/media, else s3://bucket/prefix (AWS_* variables for endpoint and credentials). */
  mediaStoreUrl: string | null;
  /** Hex-encoded 32-byte HMAC key of the audit chain (kept outside the database); default: key file in dataDir. */
  auditKey: string | null;
  /** 'sealer' (default): lock-free appends chained in the background; 'locked': the old global lock (benchmark baseline). */
  auditMode: 'sealer' | 'locked';
  /** Seconds between signed checkpoints of the audit chain head (file in dataDir and the log). */
  auditCheckpointSeconds: number;
  /** Process role: api (HTTP, no job workers), worker (jobs, /health only), all. */
  role: 'api' | 'worker' | 'all';
}

export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
}
export const OWASP_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19456, timeCost: 2 };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];

  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer between ${min} and ${max}`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}=${JSON.stringify(raw)} must be one of 1/0/true/false/yes/no/on/off`);
    return def;
  };
  const oneOf = <T extends string>(name: string, def: T, allowed: readonly T[]): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}=${JSON.stringify(raw)} must be one of ${allowed.join(', ')}`);
      return def;
    }
    return raw as T;
  };

  const mode = oneOf<Mode>('NODE_ENV', 'development', ['development', 'production', 'test']);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got ${JSON.stringify(databaseUrl.slice(0, 20))}…)`);
  }
  const databaseSchema = env.ICSE_DB_SCHEMA?.trim() || 'public';
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(databaseSchema)) {
    problems.push(`ICSE_DB_SCHEMA=${JSON.stringify(databaseSchema)} must be a lower-case SQL identifier`);
  }
  const mediaKey = env.ICSE_MEDIA_KEY?.trim() || null;
  if (mediaKey && !/^[0-9a-fA-F]{64}$/.test(mediaKey)) {
    problems.push('ICSE_MEDIA_KEY must be 64 hex characters (a 256-bit key)');
  }
  const auditKey = env.ICSE_AUDIT_KEY?.trim() || null;
  if (auditKey && !/^[0-9a-fA-F]{64}$/.test(auditKey)) problems.push('ICSE_AUDIT_KEY must be 64 hex characters (a 256-bit HMAC key)');
  const mediaStoreUrl = env.ICSE_MEDIA_STORE?.trim() && env.ICSE_MEDIA_STORE.trim() !== 'local' ? env.ICSE_MEDIA_STORE.trim() : null;
  if (mediaStoreUrl && !parseS3Url(mediaStoreUrl))
    problems.push(`ICSE_MEDIA_STORE=${JSON.stringify(mediaStoreUrl.slice(0, 80))} must be 'local' or s3://bucket/prefix`);
  // Demo accounts are the default only on the embedded database outside production.
  const demo = bool('ICSE_DEMO', mode !== 'production' && !databaseUrl);
  if (mode === 'production' && !mediaKey) problems.push('ICSE_MEDIA_KEY is required when NODE_ENV=production');
  if (mode === 'production' && !auditKey) problems.push('ICSE_AUDIT_KEY is required when NODE_ENV=production');
  if (mode === 'production' && demo) problems.push('ICSE_DEMO must be 0 when NODE_ENV=production');

  const config: Config = {
    mode,
    host: env.HOST?.trim() || '127.0.0.1',
    port: int('PORT', 8080, 0, 65535),
    databaseUrl,
    databaseSchema,
    dataDir: path.resolve(env.ICSE_DATA_DIR?.trim() || './data'),
    demo,
    demoMedia: demo && bool('ICSE_DEMO_MEDIA', true),
    mediaKey,
    sessionTtlHours: int('ICSE_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: int('ICSE_LOGIN_MAX_FAILURES', 5, 1, 1000),
    loginWindowMinutes: int('ICSE_LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    bodyLimitBytes: int('ICSE_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 1024 ** 3),
    uploadLimitBytes: int('ICSE_UPLOAD_LIMIT_BYTES', 2 * 1024 ** 3, 1024, 64 * 1024 ** 3),
    logLevel: oneOf('LOG_LEVEL', mode === 'test' ? 'silent' : 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    maxImagePixels: int('ICSE_MAX_IMAGE_PIXELS', 100_000_000, 1, 2_000_000_000),
    trustProxy: bool('ICSE_TRUST_PROXY', false),
    passwordHashing: OWASP_PASSWORD_HASHING,
    allowedOrigins: (env.ICSE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    hashWorkers: int('ICSE_HASH_WORKERS', Math.max(1, availableParallelism()), 1, 256),
    robustWorkerFromCodes: int('ICSE_ROBUST_WORKER_FROM_CODES', 10_000, 0, 2_000_000_000),
    decodePixelBudget: int('ICSE_DECODE_PIXEL_BUDGET', 150_000_000, 1_000_000, 10_000_000_000),
    ingestLeaseSeconds: int('ICSE_INGEST_LEASE_SECONDS', 120, 1, 24 * 3600),
    videoTimeoutSeconds: int('ICSE_VIDEO_TIMEOUT_SECONDS', 600, 1, 24 * 3600),
    videoMaxSeconds: int('ICSE_VIDEO_MAX_SECONDS', 6 * 3600, 1, 7 * 24 * 3600),
    mediaStoreUrl,
    auditKey,
    auditMode: oneOf('ICSE_AUDIT_MODE', 'sealer', ['sealer', 'locked']),
    auditCheckpointSeconds: int('ICSE_AUDIT_CHECKPOINT_SECONDS', 60, 1, 24 * 3600),
    role: oneOf('ICSE_ROLE', 'all', ['api', 'worker', 'all']),
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
