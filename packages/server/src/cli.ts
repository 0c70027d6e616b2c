#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { ApiTokenCreate, ApiTokenRotate, ROLES, type Role } from '@tweeling/core';
import { verifyAuditChain, type Actor } from './audit/index.js';
import { loadConfig } from './config.js';
import { migrate, openDatabase, type Db } from './db/index.js';
import { createToken, revokeToken, rotateToken } from './identity/index.js';
import { importDataFile, problemText } from './data-import-cli.js';
import { backupCommand, checkBackupForRestore, restoreCommand, verifyBackupCommand } from './backup-cli.js';
import { TweelingError } from './errors.js';
import { runCommand } from './cli-run.js';
import { registerAppCommands } from './cli-app.js';
import { seedDemoArea } from './demo-datasets.js';
import { seedDemoWorkbench } from './workbench/index.js';
import { seedDemo } from './seed.js';
import { serve, worker } from './serve.js';
import { VERSION } from './version.js';

const CLI_ACTOR = (organisationId: string | null): Actor => ({ organisationId, userId: null, tokenId: null, label: 'cli', requestId: null });

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number is required');
  return n;
};

const program = new Command('tweeling').version(VERSION).description('Tweeling: open app store and platform for digital twins');

program
  .command('serve')
  .description('start the API server (and the web app) on PORT, database from DATABASE_URL or embedded')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('worker')
  .description('run jobs from the shared PostgreSQL database (DATABASE_URL); start as many as you like, on any machines')
  .action(async () => {
    await worker(loadConfig());
  });

program
  .command('migrate')
  .description('apply database migrations (idempotent)')
  .action(() =>
    withDb(async (db) => {
      const applied = await migrate(db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    }),
  );

program
  .command('seed')
  .description('seed the demo organisations, members, demo area datasets and demo use cases (idempotent)')
  .option('--no-area', 'only the organisations and members, not the demo area datasets and use cases')
  .action((options: { area: boolean }) =>
    withDb(async (db) => {
      await migrate(db);
      const deps = { db: db.kysely, clock: () => new Date() };
      const result = await seedDemo(deps);
      const datasets = options.area ? await seedDemoArea(deps) : [];
      const workbench = options.area ? await seedDemoWorkbench(deps) : { useCases: 0 };
      console.log(`seeded ${result.organisations} organisations, ${result.members} members, ${datasets.length} demo datasets and ${workbench.useCases} demo use cases`);
    }),
  );

const token = program.command('token').description('manage API tokens');
token
  .command('create')
  .description('create an API token; the token is printed once, on stdout')
  .requiredOption('--org <id>', 'organisation id, e.g. almere')
  .addOption(new Option('--role <role>', 'role of the token').choices(ROLES).makeOptionMandatory())
  .option('--name <text>', 'what the token is for', 'CLI-token')
  .option('--user <email>', 'act for this member of the organisation')
  .option('--expires-days <n>', 'validity in days (default 365, at most TOKEN_MAX_DAYS)', positiveInt)
  .action((options: { org: string; role: Role; name: string; user?: string; expiresDays?: number }) =>
    withDb(async (db) => {
      await migrate(db);
      let userId: string | undefined;
      if (options.user) {
        const user = await db.kysely.selectFrom('users').select('id').where('email', '=', options.user.toLowerCase()).executeTakeFirst();
        if (!user) throw new Error(`no user with e-mail ${options.user}`);
        userId = user.id;
      }
      const input = ApiTokenCreate.parse({ name: options.name, role: options.role, userId, expiresInDays: options.expiresDays });
      const created = await createToken({ db: db.kysely, clock: () => new Date(), tokenMaxDays: loadConfig().tokenMaxDays }, CLI_ACTOR(options.org), options.org, input);
      console.error(`token ${created.id} for ${created.organisationId} (${created.role}), valid until ${created.expiresAt}; it is shown only now:`);
      console.log(created.token);
    }),
  );
token
  .command('revoke <tokenId>')
  .description('revoke an API token')
  .requiredOption('--org <id>', 'organisation the token belongs to')
  .action((tokenId: string, options: { org: string }) =>
    withDb(async (db) => {
      const revoked = await revokeToken({ db: db.kysely, clock: () => new Date() }, CLI_ACTOR(options.org), options.org, tokenId);
      console.log(`revoked ${revoked.id} at ${revoked.revokedAt}`);
    }),
  );
token
  .command('rotate <tokenId>')
  .description('replace an API token by a new secret (same name, role and member); the new token is printed once, on stdout')
  .requiredOption('--org <id>', 'organisation the token belongs to')
  .option('--grace-minutes <n>', 'minutes the old secret keeps working (default 0: revoked at once)', (v) => (v === '0' ? 0 : positiveInt(v)))
  .option('--expires-days <n>', 'validity of the new token in days (default: as the old one)', positiveInt)
  .action((tokenId: string, options: { org: string; graceMinutes?: number; expiresDays?: number }) =>
    withDb(async (db) => {
      const input = ApiTokenRotate.parse({ graceMinutes: options.graceMinutes, expiresInDays: options.expiresDays });
      const rotated = await rotateToken({ db: db.kysely, clock: () => new Date(), tokenMaxDays: loadConfig().tokenMaxDays }, CLI_ACTOR(options.org), options.org, tokenId, input);
      const old = rotated.previous.revokedAt ? `revoked at ${rotated.previous.revokedAt}` : `valid until ${rotated.previous.expiresAt}`;
      console.error(`token ${rotated.id} replaces ${rotated.previous.id} (${old}); valid until ${rotated.expiresAt}; it is shown only now:`);
      console.log(rotated.token);
    }),
  );

program
  .command('data')
  .description('datasets')
  .command('import <file>')
  .description('import a file as a new version of a dataset, acting as its owning organisation: GeoJSON (.geojson, .json) for vector datasets, GeoTIFF (.tif, .tiff) or ESRI ASCII grid (.asc) for raster datasets')
  .requiredOption('--dataset <id>', 'dataset id, e.g. demo-hoogte')
  .option('--crs <crs>', 'CRS of the file when it names none (GeoJSON default CRS84; rasters must be EPSG:28992)')
  .action((file: string, options: { dataset: string; crs?: string }) =>
    withDb(async (db) => {
      await migrate(db);
      const result = await importDataFile({ db: db.kysely, clock: () => new Date() }, file, options.dataset, options.crs);
      const v = result.version;
      console.error(result.created ? `created version ${v.version} of ${v.datasetId} (${v.itemCount} ${v.raster ? 'cells' : 'features'})` : `unchanged: the content equals version ${v.version} of ${v.datasetId}`);
      console.log(`${v.datasetId}@${v.version} sha256:${v.contentHash}`);
    }),
  );

const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command('run <app>')
  .description('run an app without the server (an app folder, or an app id under APPS_DIR); writes results to --out-dir')
  .option('--input <key=value>', 'an input value (JSON, or a plain string); repeatable', collect, [] as string[])
  .option('--inputs <file>', 'a JSON file with input values')
  .option('--dataset <id=file>', 'read dataset <id> from a GeoJSON, GeoTIFF or ESRI ASCII file; repeatable', collect, [] as string[])
  .option('--demo', 'resolve the demo dataset ids (demo-gebouwen, demo-hoogte, …) from the built-in demo area')
  .option('--seed <n>', 'seed of the random source', positiveInt)
  .option('--out-dir <dir>', 'where to write results.json, GeoTIFFs and GeoJSON', './tweeling-run')
  .action((app: string, options: { input: string[]; inputs?: string; dataset: string[]; demo?: boolean; seed?: number; outDir: string }) =>
    runCommand(app, { ...options, appsDir: loadConfig().appsDir }),
  );

program
  .command('audit')
  .description('audit log')
  .command('verify')
  .description('recompute the hash chain; exits non-zero naming the first broken entry')
  .action(() =>
    withDb(async (db) => {
      const result = await verifyAuditChain(db.kysely);
      if (result.ok) {
        console.log(`audit chain OK: ${result.entries} entries, head ${result.headHash}`);
      } else {
        console.error(`audit chain BROKEN at entry ${result.firstBroken?.seq}: ${result.firstBroken?.reason} (${result.entries} entries before it verify)`);
        process.exitCode = 1;
      }
    }),
  );

program
  .command('backup <file>')
  .description('write the whole database (embedded, or DATABASE_URL) to FILE (gzip, one consistent snapshot) and check the written file against its manifest')
  .option('--verify', 'only check an existing FILE: structure, row count and SHA-256 per table, the audit chain links; opens no database')
  .action((file: string, options: { verify?: boolean }) => (options.verify ? verifyBackupCommand(file) : withDb((db) => backupCommand(db, file))));

program
  .command('restore <file>')
  .description('restore a backup into an empty database (a fresh DATA_DIR, or an empty PostgreSQL database via DATABASE_URL), all or nothing, verified (row counts, SHA-256 per table, audit chain) before it commits')
  .option('--force', 'first drop everything in the database (in the same transaction: a failed restore leaves it as it was)')
  .action(async (file: string, options: { force?: boolean }) => {
    const checked = await checkBackupForRestore(file);
    await withDb((db) => restoreCommand(db, checked, options.force ?? false));
  });

registerAppCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof TweelingError ? problemText(error) : error instanceof Error ? error.message : String(error);
  console.error(`tweeling: ${message}`);
  process.exit(1);
});
