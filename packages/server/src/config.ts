import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** The repository's apps/ folder (src/ and dist/ sit at the same depth). */
const DEFAULT_APPS_DIR = fileURLToPath(new URL('../../../apps', import.meta.url));
/** The reference apps shipped (and reviewed) with the platform: the only ones trusted to run in worker threads by default. */
export const BUNDLED_APPS_DIR = DEFAULT_APPS_DIR;

/** A comma-separated list of origins (scheme://host[:port]) or `*`. */
const origins = z
  .string()
  .transform((v) => v.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean))
  .refine((list) => list.every((o) => o === '*' || /^https?:\/\/[^/\s?#]+$/.test(o)), 'each origin must look like https://host[:port], or be *');

/** Environment variables the server reads, with their defaults. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port'),
  HOST: z.string().default('0.0.0.0').describe('Address to listen on'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .describe('PostgreSQL 15+/PostGIS 3 connection URL; absent = embedded PGlite'),
  DATA_DIR: z.string().default('./.tweeling').describe('Folder for the embedded database and files'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional().describe('Base URL for links (behind a proxy); default from the request'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576).describe('Largest JSON body accepted'),
  UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).default(268_435_456).describe('Largest dataset upload accepted'),
  APPS_DIR: z.string().optional().describe('Folder with one sub-folder per app (default: the repository apps/)'),
  RUN_JOBS: bool.default(true).describe('Run jobs in this process (embedded queue)'),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional().describe('Jobs at once (default: number of CPU cores)'),
  JOBS_PER_ORGANISATION: z.coerce.number().int().min(1).default(2).describe('Jobs of one organisation at once'),
  JOB_TIMEOUT_S: z.coerce.number().int().min(1).default(3600).describe('A job running longer is stopped and failed'),
  JOB_STALE_AFTER_S: z.coerce.number().int().min(6).default(30).describe('A running job whose worker has not been heard of for this long is retried or failed'),
  WORKER_MEMORY_MB: z.coerce.number().int().min(64).default(4096).describe('Heap limit of an app worker thread'),
  SYNC_WAIT_MS: z.coerce.number().int().min(0).default(60_000).describe('How long synchronous execution waits before answering with the job'),
  APP_SANDBOX: z.enum(['third-party', 'all']).default('third-party').describe('Apps run in a sandbox process: every app except the reference apps shipped with the platform (third-party), or every app (all)'),
  APP_CPU_LIMIT_S: z.coerce.number().int().min(1).optional().describe('CPU seconds a sandboxed app may use, all its threads together (default: JOB_TIMEOUT_S × 2)'),
  REMOTE_ALLOW_PRIVATE: bool.default(false).describe('Allow remote processes and their URLs in private networks (SSRF guard off)'),
  SEED_DEMO: bool.default(true).describe('Seed the demo organisations and area into an empty database'),
  TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-* headers'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  CORS_ORIGINS: origins.default([]).describe('Comma-separated origins (https://host[:port]) whose web pages may call the API, or * for any; empty: same origin only'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(3000).describe('API requests per minute per token (0: no limit)'),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(0).default(1200).describe('API requests per minute per client IP address without a token (0: no limit)'),
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).default(300).describe('Requests with an unknown, expired or revoked token per minute per client IP address (0: no limit)'),
  TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365).describe('Longest validity of an API token in days; older tokens are refused'),
  TWEELING_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional().describe('Encrypts the store signing key at rest (keep it outside the database)'),
});

/** Validated server configuration. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  publicUrl: string | undefined;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  seedDemo: boolean;
  appsDir: string;
  runJobs: boolean;
  jobConcurrency: number | undefined;
  jobsPerOrganisation: number;
  jobTimeoutS: number;
  workerMemoryMb: number;
  jobStaleAfterS: number;
  allowPrivateRemotes: boolean;
  /** Which apps run in a sandbox process, and its CPU limit. */
  appSandbox: { mode: 'third-party' | 'all'; trustedDirs: string[]; cpuLimitS: number };
  /** Where published app packages are unpacked: `<DATA_DIR>/packages` (a cache; the packages are in the database). */
  packagesDir: string;
  syncWaitMs: number;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  corsOrigins: string[];
  rateLimits: { perToken: number; perIp: number; authFailuresPerIp: number };
  tokenMaxDays: number;
  /** From TWEELING_SECRET_KEY; never logged. */
  secretKey: string | undefined;
}

/**
 * Reads the configuration from environment variables. Bad values fail here, at start-up, with
 * every problem named, never on the first request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    seedDemo: e.SEED_DEMO,
    appsDir: e.APPS_DIR ? resolve(e.APPS_DIR) : DEFAULT_APPS_DIR,
    runJobs: e.RUN_JOBS,
    jobConcurrency: e.JOB_CONCURRENCY,
    jobsPerOrganisation: e.JOBS_PER_ORGANISATION,
    jobTimeoutS: e.JOB_TIMEOUT_S,
    workerMemoryMb: e.WORKER_MEMORY_MB,
    jobStaleAfterS: e.JOB_STALE_AFTER_S,
    allowPrivateRemotes: e.REMOTE_ALLOW_PRIVATE,
    packagesDir: resolve(e.DATA_DIR, 'packages'),
    appSandbox: { mode: e.APP_SANDBOX, trustedDirs: [BUNDLED_APPS_DIR], cpuLimitS: e.APP_CPU_LIMIT_S ?? e.JOB_TIMEOUT_S * 2 },
    syncWaitMs: e.SYNC_WAIT_MS,
    trustProxy: e.TRUST_PROXY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    corsOrigins: e.CORS_ORIGINS,
    rateLimits: { perToken: e.RATE_LIMIT_PER_MINUTE, perIp: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE, authFailuresPerIp: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE },
    tokenMaxDays: e.TOKEN_MAX_DAYS,
    secretKey: e.TWEELING_SECRET_KEY,
  };
}
