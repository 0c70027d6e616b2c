// Builds the web app (type check + vite build) only when a source is newer than the last build, so
// `npm start` does not spend seconds rebuilding an unchanged web app. `--force` always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const sources = [join(root, 'src'), join(root, 'index.html'), join(root, 'vite.config.ts'), join(root, 'package.json'), join(root, 'tsconfig.json'), join(root, '../core/src')];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = join(root, 'dist', 'index.html');
const upToDate = existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources.map(newest));
if (upToDate && !process.argv.includes('--force')) {
  console.log('web app is up to date (packages/web/dist)');
} else {
  const bin = (name) => join(root, '../../node_modules/.bin', name);
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('vite'), ['build'], { cwd: root, stdio: 'inherit' });
}
