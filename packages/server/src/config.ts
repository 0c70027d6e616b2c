import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

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
  SEED_DEMO: bool.default(true).describe('Seed the demo organisations and area into an empty database'),
  TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-* headers'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
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
  trustProxy: boolean;
  shutdownTimeoutMs: number;
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
    trustProxy: e.TRUST_PROXY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
  };
}
