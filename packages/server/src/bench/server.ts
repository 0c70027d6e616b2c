/**
 * The real server for the load and soak benchmarks: `tweeling serve` in a child process, on the
 * embedded database (a fresh data directory) or on a fresh PostgreSQL database, seeded with the
 * demo, with an analyst token of the demo municipality created through the CLI.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBenchDatabase } from './harness.js';

/** The built CLI (this file runs from dist/bench/). */
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));
/**
 * The test apps, among them `leeg`, which returns its input: the cheapest job there is, so job
 * submission measures the platform, not an app. They run in the sandbox, as third-party apps do.
 * (Links to them beside the reference apps would keep the real catalogue, but the sandbox refuses
 * an app read through a link.)
 */
const APPS_DIR = fileURLToPath(new URL('../../test/fixtures/apps', import.meta.url));
const STARTUP_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

export type Engine = 'pglite' | 'postgres';

export interface BenchServer {
  label: string;
  url: string;
  /** Process id of the server (for its RSS). */
  pid: number;
  /** Bearer token of an analyst of `almere`. */
  token: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** Runs `tweeling …` to completion; rejects with its output when it fails. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`tweeling ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/** Starts the server on a fresh database; null when PostgreSQL is asked for and not reachable. */
export async function startBenchServer(engine: Engine): Promise<BenchServer | null> {
  const database = engine === 'postgres' ? await createBenchDatabase() : null;
  if (engine === 'postgres' && !database) return null;
  const dataDir = await mkdtemp(join(tmpdir(), 'tweeling-bench-data-'));
  const cleanup = async () => {
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  };
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    APPS_DIR,
    SEED_DEMO: 'true',
    // The benchmark measures the server, not the rate limiter (one token, one address, 50 connections).
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  let output = '';
  try {
    // Seed and create the token before the server opens the database: PGlite allows one process.
    await runCli(['seed'], env);
    const token = (await runCli(['token', 'create', '--org', 'almere', '--role', 'analyst', '--name', 'benchmark'], env)).trim();
    const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited early (${child.exitCode}): ${output}`);
      if (Date.now() - started > STARTUP_TIMEOUT_MS) {
        child.kill('SIGKILL');
        throw new Error(`the server did not answer /api/v1/health within ${STARTUP_TIMEOUT_MS / 1000} s: ${output}`);
      }
      if (await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return {
      label: engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL',
      url,
      pid: child.pid!,
      token,
      stop: async () => {
        if (child.exitCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Resident memory of a process in MB (VmRSS from /proc), or NaN where there is no /proc. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

/** Jobs by status from the server's /metrics (all organisations); null when it cannot be read. */
export async function jobCounts(server: BenchServer): Promise<Record<string, number> | null> {
  const res = await fetch(`${server.url}/metrics`).catch(() => null);
  if (!res?.ok) return null;
  const counts: Record<string, number> = {};
  for (const match of (await res.text()).matchAll(/^tweeling_jobs\{status="(\w+)"\} (\d+)/gm)) counts[match[1]!] = Number(match[2]);
  return counts;
}
