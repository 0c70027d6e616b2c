/**
 * The app sandbox: third-party app code runs in a child process of its own, under Node's
 * permission model (it may read only its own package and the SDK, write only an empty scratch
 * folder, start no processes or threads, load no native addons), with OS limits on data memory and CPU time
 * (setrlimit via prlimit; no core files), in a fresh network namespace where the OS allows it
 * (unshare -n), with an empty environment (no secrets), and a narrow channel back: one IPC message
 * with the outputs, which the host checks against the manifest and hashes itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, parse, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertProcessInputs, type AppManifest } from '@tweeling/core';
import { checkOutputs } from '@tweeling/sdk';
import type { WorkerResult, WorkerTask } from './prefetched.js';
import type { TaskMessage } from './run-task.js';
import type { SandboxReply, SandboxRequest } from './sandbox-child.js';

/** Compiled child entry; src/ and dist/ sit side by side, so this resolves from both. */
const CHILD_FILE = fileURLToPath(new URL('../../dist/runtime/sandbox-child.js', import.meta.url));
/** Memory outside the JavaScript heap (typed arrays, code, the runtime itself) on top of the heap limit. */
const OFF_HEAP_MB = 512;
const STDERR_KEPT = 8192;

/** What this machine offers to isolate an app process. */
export interface SandboxSupport {
  /** Command prefix that starts a process in a fresh network namespace, or null where the OS refuses. */
  network: string[] | null;
  /** Absolute path of prlimit (util-linux), or null: then only the heap limit and the job timeout apply. */
  prlimit: string | null;
}

let support: SandboxSupport | undefined;

function which(command: string): string | null {
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin']) if (existsSync(join(dir, command))) return join(dir, command);
  return null;
}

/** Probes once what the OS allows: `unshare -n` (root), `unshare -rn` (user namespaces), prlimit. */
export function sandboxSupport(): SandboxSupport {
  if (support) return support;
  const unshare = which('unshare');
  let network: string[] | null = null;
  for (const flags of ['-n', '-rn']) {
    if (unshare && spawnSync(unshare, [flags, 'true'], { stdio: 'ignore', timeout: 5000 }).status === 0) {
      network = [unshare, flags, '--'];
      break;
    }
  }
  support = { network, prlimit: which('prlimit') };
  return support;
}

/** The package folder of a module: the nearest folder upwards with a tweeling.app.json or package.json. */
function packageRoot(module: string): string {
  let dir = dirname(module);
  while (dir !== parse(dir).root) {
    if (existsSync(join(dir, 'tweeling.app.json')) || existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return dirname(module);
}

/**
 * What a sandboxed app may read besides its own package: the child entry, the SDK and core, and
 * the node_modules folders their dependencies resolve from (libraries only: no data, no config).
 */
function readablePlatformPaths(): string[] {
  const require = createRequire(import.meta.url);
  const sdk = realpathSync(dirname(dirname(require.resolve('@tweeling/sdk'))));
  const core = realpathSync(dirname(dirname(require.resolve('@tweeling/core'))));
  const modules = (require.resolve.paths('@tweeling/sdk') ?? []).filter((dir) => existsSync(join(dir, '@tweeling')));
  const runtimeDir = dirname(CHILD_FILE);
  return [runtimeDir, join(runtimeDir, '..', '..', 'package.json'), sdk, core, ...modules.flatMap((dir) => [dir, realpathSync(dir)])];
}

/** Paths without repeats or paths inside another (Node 20 aborts at start on a repeated --allow-fs-read). */
function distinctPaths(paths: string[]): string[] {
  const unique = [...new Set(paths)].sort();
  return unique.filter((path) => !unique.some((other) => other !== path && path.startsWith(other + sep)));
}

export interface SandboxRun extends SandboxLimits {
  manifest: AppManifest;
}

/** Why a sandboxed run failed, in words for the job's message. */
export class SandboxError extends Error {
  override name = 'SandboxError';
}

function refusal(error: Extract<SandboxReply, { type: 'error' }>['error'], memoryMb: number): string {
  if (error.code === 'ERR_ACCESS_DENIED') {
    const what = error.resource ? `${error.permission ?? 'toegang'}: ${error.resource}` : (error.permission ?? 'onbekend');
    return `de app probeerde iets wat de sandbox niet toestaat (${what})`;
  }
  if (/Array buffer allocation failed|Invalid typed array length|out of memory/i.test(error.message)) {
    return `de app vroeg meer geheugen dan de limiet van ${memoryMb + OFF_HEAP_MB} MB (${error.message})`;
  }
  if (error.code === 'ENETUNREACH' || error.code === 'EAI_AGAIN' || error.code === 'ENOTFOUND') {
    return `de app probeerde het netwerk te gebruiken; apps in de sandbox hebben geen netwerk (${error.message})`;
  }
  return error.message;
}

function crashReason(code: number | null, signal: NodeJS.Signals | null, stderr: string, run: Pick<SandboxLimits, 'memoryMb' | 'cpuLimitS'>): string {
  if (signal === 'SIGXCPU' || (signal === 'SIGKILL' && /CPU/.test(stderr))) return `de app gebruikte meer dan ${run.cpuLimitS} s rekentijd (CPU-limiet) en is gestopt`;
  if (/heap limit|out of memory|Allocation failed/i.test(stderr)) return `de app vroeg meer geheugen dan de limiet van ${run.memoryMb} MB en is gestopt (out of memory)`;
  const last = stderr.trim().split('\n').filter(Boolean).slice(-3).join(' ').slice(0, 500);
  return `het app-proces stopte onverwacht (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`;
}

interface SandboxLimits {
  /** Heap limit in MB; data memory as a whole is limited to this plus 512 MB. */
  memoryMb: number;
  /** CPU seconds (all threads together) after which the OS stops the process. */
  cpuLimitS: number;
  signal: AbortSignal;
  onMessage?: (message: TaskMessage) => void;
  /** Debug output of the child (its stderr), for the server log. */
  onStderr?: (text: string) => void;
}

interface SandboxExit {
  reply: Exclude<SandboxReply, TaskMessage> | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts a sandbox process for the package of `module`, sends it one request and waits for it to end. */
async function inSandbox(module: string, request: SandboxRequest, limits: SandboxLimits): Promise<SandboxExit> {
  const { network, prlimit } = sandboxSupport();
  const scratch = await mkdtemp(join(tmpdir(), 'tweeling-sandbox-'));
  const appRoot = packageRoot(realpathSync(module));
  // A published package finds the platform's SDK through a link beside it (see app-package.ts).
  const beside = join(dirname(appRoot), 'node_modules');
  const hostModules = existsSync(beside) ? [beside] : [];
  const node = [
    process.execPath,
    '--experimental-permission',
    '--disable-warning=ExperimentalWarning',
    ...distinctPaths([appRoot, ...hostModules, ...readablePlatformPaths()]).map((path) => `--allow-fs-read=${path}`),
    `--allow-fs-write=${scratch}`,
    // No --allow-worker: in Node 20 a worker started with its own execArgv escapes the permission
    // model, so sandboxed apps run single-threaded.
    `--max-old-space-size=${limits.memoryMb}`,
    CHILD_FILE,
  ];
  // SIGXCPU at the soft limit names the reason; SIGKILL at the hard limit if the process ignores it.
  const cpuSoft = Math.max(1, Math.ceil(limits.cpuLimitS));
  const rlimits = prlimit ? [prlimit, `--data=${(limits.memoryMb + OFF_HEAP_MB) * 1024 * 1024}`, `--cpu=${cpuSoft}:${cpuSoft + 2}`, '--core=0', '--'] : [];
  const command = [...rlimits, ...(network ?? []), ...node];
  try {
    return await new Promise<SandboxExit>((resolve, reject) => {
      const child = spawn(command[0]!, command.slice(1), {
        cwd: scratch,
        env: { TZ: 'UTC', LANG: 'C.UTF-8', NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      let stderr = '';
      let reply: SandboxExit['reply'];
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-STDERR_KEPT);
        limits.onStderr?.(chunk);
      });
      const onAbort = () => child.kill('SIGKILL');
      limits.signal.addEventListener('abort', onAbort, { once: true });
      child.on('message', (message: SandboxReply) => {
        if (message?.type === 'progress' || message?.type === 'log') limits.onMessage?.(message);
        else if (message?.type === 'result' || message?.type === 'error' || message?.type === 'inspected') reply ??= message;
      });
      child.on('error', (error) => reject(new SandboxError(`het app-proces kon niet starten: ${error.message}`)));
      // 'close', not 'exit': 'exit' can come before the last IPC messages (the result) are read.
      child.on('close', (code, signal) => {
        limits.signal.removeEventListener('abort', onAbort);
        if (limits.signal.aborted) reject(limits.signal.reason as Error);
        else resolve({ reply, code, signal, stderr });
      });
      child.send(request);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function failure(exit: SandboxExit, limits: Pick<SandboxLimits, 'memoryMb' | 'cpuLimitS'>): SandboxError {
  if (exit.reply?.type === 'error') return new SandboxError(refusal(exit.reply.error, limits.memoryMb));
  return new SandboxError(crashReason(exit.code, exit.signal, exit.stderr, limits));
}

/**
 * Runs one job's app in a sandbox process and checks what comes back.
 * @throws SandboxError with the reason (refused access, limits, crash); the signal's reason when aborted
 */
export async function runInSandbox(task: Omit<WorkerTask, 'port'>, run: SandboxRun): Promise<WorkerResult> {
  const started = Date.now();
  // The permission model checks the path as given: an app installed through a link is loaded by its real path.
  const module = realpathSync(task.module);
  const exit = await inSandbox(module, { type: 'task', task: { ...task, module } }, run);
  if (exit.reply?.type === 'result' && exit.code === 0) return accept(task, run.manifest, exit.reply.result, started);
  throw failure(exit, run);
}

/**
 * Loads an untrusted app module in the sandbox and reports what its default export declares, so
 * that a published package is checked without running its code in the platform's own process.
 * @throws SandboxError when it does not load
 */
export async function inspectInSandbox(module: string, limits: Pick<SandboxLimits, 'memoryMb' | 'cpuLimitS'>): Promise<{ tweelingApp: boolean; id?: string; version?: string }> {
  const real = realpathSync(module);
  const exit = await inSandbox(real, { type: 'inspect', module: real }, { ...limits, signal: AbortSignal.timeout(60_000) });
  if (exit.reply?.type === 'inspected' && exit.code === 0) return exit.reply.app;
  throw failure(exit, limits);
}

/**
 * Takes only the outputs from what the sandbox sent: inputs, hashes and the results document are
 * derived here again from the manifest the platform holds, and datasets read must be ones the
 * platform prepared, so a hostile app cannot forge its run record.
 */
function accept(task: Omit<WorkerTask, 'port'>, manifest: AppManifest, result: WorkerResult, started: number): WorkerResult {
  const { hashes, results } = checkOutputs(manifest, result.outputs);
  const prepared = Object.values(task.datasets).flat().map((d) => d.info);
  const datasets = prepared.filter((info) => result.datasets.some((d) => d.dataset === info.dataset && d.version === info.version));
  return {
    outputs: result.outputs,
    hashes,
    results,
    inputs: assertProcessInputs(manifest, task.inputs),
    datasets,
    startedAt: new Date(started).toISOString(),
    endedAt: new Date().toISOString(),
    busyS: (Date.now() - started) / 1000,
  };
}
