/**
 * `tweeling app …`: a vendor publishes an app package to a Tweeling server, and the store operator
 * works the review queue — over the HTTP API, as anyone scripting it would.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { create as createTar } from 'tar';
import { REVIEWER_CRITERION_IDS, type Problem, type Publication } from '@tweeling/core';

/** Folders never packed: dependencies come from the platform, history stays with the vendor. */
const NOT_PACKED = new Set(['node_modules', '.git', '.tweeling']);

const serverOption = () => new Option('--server <url>', 'Tweeling server').env('TWEELING_URL').default(`http://localhost:${process.env.PORT ?? 8080}`);
const tokenOption = () => new Option('--token <token>', 'API token (an admin of the publishing organisation, or of the store operator)').env('TWEELING_TOKEN').makeOptionMandatory();

/** A gzip'd tar of the app folder, paths relative to it. */
export async function packAppFolder(dir: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = createTar({ gzip: true, cwd: dir, portable: true, filter: (path) => !path.split('/').some((part) => NOT_PACKED.has(part)) }, ['.']);
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function call<T>(server: string, token: string, path: string, init: { method?: string; body?: Buffer | string; type?: string } = {}): Promise<T> {
  const url = `${server.replace(/\/+$/, '')}/api/v1${path}`;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.type ? { 'content-type': init.type } : {}) },
    ...(init.body !== undefined ? { body: init.body } : {}),
  }).catch((error: Error) => {
    throw new Error(`${url}: ${error.message}`);
  });
  const text = await response.text();
  if (!response.ok) {
    let problem: Partial<Problem> = {};
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      // not a problem document: show the status only
    }
    const lines = [`${response.status} ${problem.title ?? response.statusText}: ${problem.detail ?? text.slice(0, 300)}`, ...(problem.errors ?? []).map((e) => `  - ${e.path}: ${e.message}`)];
    throw new Error(lines.join('\n'));
  }
  return JSON.parse(text) as T;
}

function printPublication(p: Publication): void {
  console.log(`${p.appId}@${p.version} (${p.channel}) — ${p.status}   inzending ${p.id}`);
  for (const check of p.checks) console.log(`  ${check.met === true ? '✓' : check.met === false ? '✗' : '…'} ${check.criterion}: ${check.detail}`);
  if (p.note) console.log(`  toelichting: ${p.note}`);
}

/** Adds `tweeling app publish|publications|decide` to the CLI. */
export function registerAppCommands(program: Command): void {
  const app = program.command('app').description('publish app packages and review them (over the HTTP API)');

  app
    .command('publish')
    .description('pack an app folder (tweeling.app.json + built module) and submit it to the store for review')
    .argument('<dir>', 'the app folder')
    .addOption(serverOption())
    .addOption(tokenOption())
    .action(async (dir: string, options: { server: string; token: string }) => {
      const root = resolve(dir);
      if (!existsSync(resolve(root, 'tweeling.app.json'))) throw new Error(`${root} has no tweeling.app.json`);
      const bytes = await packAppFolder(root);
      const publication = await call<Publication>(options.server, options.token, '/publications', { method: 'POST', body: bytes, type: 'application/gzip' });
      printPublication(publication);
    });

  app
    .command('publications')
    .description('list publications: your organisation\'s, or for the store operator every one (--status pending: the review queue)')
    .addOption(new Option('--status <status>').choices(['pending', 'approved', 'rejected']))
    .addOption(serverOption())
    .addOption(tokenOption())
    .action(async (options: { status?: string; server: string; token: string }) => {
      const { publications } = await call<{ publications: Publication[] }>(options.server, options.token, `/publications${options.status ? `?status=${options.status}` : ''}`);
      if (publications.length === 0) console.log('(geen inzendingen)');
      for (const p of publications) printPublication(p);
    });

  app
    .command('decide')
    .description('store operator: approve or reject a publication, judging the reviewer criteria')
    .argument('<id>', 'publication id')
    .addOption(new Option('--approve', 'approve (every criterion must be met)').conflicts('reject'))
    .addOption(new Option('--reject', 'reject (needs --note and a criterion not met)'))
    .option('--met <criteria>', `reviewer criteria that are met, comma-separated (${REVIEWER_CRITERION_IDS.join(', ')})`, '')
    .option('--not-met <criteria>', 'reviewer criteria that are not met, comma-separated', '')
    .option('--note <text>', 'reasons for the vendor')
    .addOption(serverOption())
    .addOption(tokenOption())
    .action(async (id: string, options: { approve?: boolean; reject?: boolean; met: string; notMet: string; note?: string; server: string; token: string }) => {
      if (!options.approve && !options.reject) throw new Error('say --approve or --reject');
      const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);
      const criteria = Object.fromEntries([...list(options.met).map((c) => [c, { met: true }]), ...list(options.notMet).map((c) => [c, { met: false }])]);
      const body = JSON.stringify({ decision: options.approve ? 'approve' : 'reject', criteria, ...(options.note ? { note: options.note } : {}) });
      printPublication(await call<Publication>(options.server, options.token, `/publications/${id}/decision`, { method: 'POST', body, type: 'application/json' }));
    });
}
