import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * PGlite is a single-process database: two processes opening one data directory corrupt it.
 * This lock file (holding the owner's pid) makes the second opener fail with a clear message.
 * A lock left by a process that no longer runs (kill -9) is taken over.
 * @returns a function that releases the lock
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'tweeling.pid');
  const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
    throw new Error(
      `The embedded database in ${dir} is in use by process ${owner} (probably 'tweeling serve'). ` +
        'Stop that process first, or use the API; PGlite allows one process at a time.',
    );
  }
  await writeFile(file, String(process.pid));
  return async () => {
    const current = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (current === process.pid) await rm(file, { force: true });
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
