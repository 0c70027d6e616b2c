import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Accreditation, CataloguePage, Listing, Review, UseCaseSummary } from '@tweeling/core';
import { verifyAuditChain } from '../audit/index.js';
import { seedDemoArea } from '../demo-datasets.js';
import { bearer, buildTestApp, FIXTURE_APPS, openTestDb, TEST_TMP, tokenFor, type TestDb } from '../../test/harness.js';

/** A beta release of another publisher (dronten), made from the fixture app: it must never leak. */
async function betaAppDir(): Promise<string> {
  const dir = join(TEST_TMP, `store-apps-${process.pid}`);
  const app = join(dir, 'geheim-beta');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(join(FIXTURE_APPS, 'gebouwen-telling'), app, { recursive: true });
  const manifest = JSON.parse(await readFile(join(app, 'tweeling.app.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(manifest, { id: 'geheim-beta', version: '0.9.0-beta.1', channel: 'beta', publisher: 'dronten', themes: ['geheimzinnig'], name: { nl: 'Geheime hoosbuiteller' } });
  await writeFile(join(app, 'tweeling.app.json'), JSON.stringify(manifest));
  await writeFile(join(app, 'CHANGELOG.md'), '# Wijzigingen\n\n## 0.9.0-beta.1\n\n- Eerste bèta.\n\n## 0.8.0\n\n- Ouder.\n');
  return dir;
}

describe('store: catalogue, listing, reviews, accreditations', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let betaDir: string;
  const tokens: Record<string, string> = {};
  const get = (url: string, who?: string) => app.inject({ method: 'GET', url, headers: who ? bearer(tokens[who]!) : {} });
  const page = async (url: string, who?: string) => {
    const res = await get(url, who);
    expect(res.statusCode, res.body).toBe(200);
    return CataloguePage.parse(res.json());
  };

  beforeAll(async () => {
    db = await openTestDb();
    betaDir = await betaAppDir();
    app = await buildTestApp(db, { extraAppDirs: [FIXTURE_APPS, betaDir], env: { SYNC_WAIT_MS: '30000' } });
    await seedDemoArea({ db: db.kysely, clock: () => new Date() });
    tokens.almere = await tokenFor(db, 'almere', 'analyst');
    tokens.dronten = await tokenFor(db, 'dronten', 'analyst');
    tokens.flevoland = await tokenFor(db, 'flevoland', 'analyst');
    tokens.accreditor = await tokenFor(db, 'kennisinstituut', 'admin');
    tokens.beheer = await tokenFor(db, 'beheer', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    await rm(betaDir, { recursive: true, force: true });
  });

  it('lists the installed apps with facets; anonymous callers see stable releases only', async () => {
    const all = await page('/api/v1/apps?limit=200');
    const ids = all.apps.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['gebouwen-telling', 'hittestress', 'groen-3-30-300']));
    expect(ids).not.toContain('geheim-beta');
    expect(all.total).toBe(all.apps.length);
    const usecase = new Map(all.facets.usecase.map((f) => [f.value, f.count]));
    expect(usecase.get('hittestress')).toBe(all.apps.filter((a) => a.useCases.includes('hittestress')).length);
    expect(all.facets.theme.map((f) => f.value)).not.toContain('geheimzinnig');
    expect(all.facets.publisher.find((f) => f.value === 'tweeling-apps')).toMatchObject({ label: 'Tweeling referentie-apps (demo)' });
    expect(all.facets.publisher.map((f) => f.value)).not.toContain('dronten');
  });

  it('finds apps by Dutch and English words and by word beginnings', async () => {
    const hoosb = await page('/api/v1/apps?q=hoosb');
    expect(hoosb.apps.length).toBeGreaterThan(0);
    expect(hoosb.apps.every((a) => a.useCases.includes('wateroverlast') || JSON.stringify(a).toLowerCase().includes('hoosb'))).toBe(true);
    const heat = await page('/api/v1/apps?q=heat%20stress');
    expect(heat.apps[0]?.id).toBe('hittestress');
    const bomen = await page('/api/v1/apps?q=bomen');
    expect(bomen.apps.map((a) => a.id)).toContain('groen-3-30-300');
    expect((await page('/api/v1/apps?q=xyzzyquux')).total).toBe(0);
    // Operators in the text are words, not tsquery syntax.
    expect((await get("/api/v1/apps?q=%27%20%26%20!%20(%20:*")).statusCode).toBe(200);
  });

  it('filters by facet without narrowing that facet itself, and sorts', async () => {
    const groen = await page('/api/v1/apps?usecase=groen');
    expect(groen.apps.length).toBeGreaterThan(0);
    expect(groen.apps.every((a) => a.useCases.includes('groen'))).toBe(true);
    expect(groen.facets.usecase.find((f) => f.value === 'hittestress')?.count).toBeGreaterThan(0);
    const free = await page('/api/v1/apps?pricing=free&sort=newest');
    expect(free.apps.every((a) => a.pricing === 'free')).toBe(true);
    expect((await get('/api/v1/apps?sort=cheapest')).statusCode).toBe(400);
    const paged = await page('/api/v1/apps?limit=1&offset=1&sort=newest');
    expect(paged.apps).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
  });

  it('shows a beta release only to its publisher: search, facets, use cases and by id', async () => {
    const dronten = await page('/api/v1/apps?q=geheime', 'dronten');
    expect(dronten.apps.map((a) => a.id)).toEqual(['geheim-beta']);
    expect(dronten.apps[0]?.channel).toBe('beta');
    expect((await page('/api/v1/apps?q=geheime', 'almere')).total).toBe(0);
    expect((await page('/api/v1/apps?theme=geheimzinnig', 'almere')).facets.theme.map((f) => f.value)).not.toContain('geheimzinnig');
    expect((await get('/api/v1/apps/geheim-beta', 'almere')).statusCode).toBe(404);
    expect((await get('/api/v1/apps/geheim-beta')).json().code).toBe('TWL_STORE_APP_NOT_FOUND');
    expect((await get('/api/v1/apps/geheim-beta/reviews', 'almere')).statusCode).toBe(404);
    const count = (who?: string) => get('/api/v1/usecases', who).then((r) => UseCaseSummary.array().parse(r.json().useCases).find((u) => u.id === 'wateroverlast')!.apps);
    expect(await count('dronten')).toBe((await count('almere')) + 1);
    const listing = Listing.parse((await get('/api/v1/apps/geheim-beta', 'dronten')).json());
    expect(listing.releases[0]).toMatchObject({ version: '0.9.0-beta.1', channel: 'beta', changelog: '- Eerste bèta.' });
  });

  it('answers "which apps exist for a use case" and lists the vocabulary with counts', async () => {
    const res = await get('/api/v1/usecases');
    const useCases = UseCaseSummary.array().parse(res.json().useCases);
    expect(useCases.map((u) => u.id)).toContain('crowd-safety');
    expect(useCases.find((u) => u.id === 'crowd-safety')?.apps).toBe(0);
    const heat = await page('/api/v1/usecases/hittestress/apps');
    expect(heat.apps[0]?.id).toBe('hittestress');
    expect((await get('/api/v1/usecases/onbekend/apps')).statusCode).toBe(400);
  });

  it('serves the listing: manifest, releases, trust breakdown, competitors; 404 for an unknown app', async () => {
    const listing = Listing.parse((await get('/api/v1/apps/hittestress')).json());
    expect(listing.manifest.modelCard.method.nl.length).toBeGreaterThan(0);
    expect(listing.releases.map((r) => r.version)).toContain(listing.version);
    const criteria = new Map(listing.trust.criteria.map((c) => [c.id, c]));
    expect(criteria.get('open-source')?.met).toBe(true);
    expect(criteria.get('accredited')?.met).toBe(false);
    expect(criteria.get('peer-reviewed')?.met).toBe(false);
    expect(listing.trust.score).toBe(Math.round((listing.trust.criteria.filter((c) => c.met).length / listing.trust.criteria.length) * 100));
    expect(listing.competitors.every((c) => c.useCases.some((u) => listing.useCases.includes(u)))).toBe(true);
    const test = Listing.parse((await get('/api/v1/apps/gebouwen-telling')).json());
    // The fixture's model card has no references and a 15-character validation text.
    expect(test.trust.criteria.find((c) => c.id === 'model-card')?.met).toBe(false);
    expect(test.trust.level).toBe('basis');
    const missing = await get('/api/v1/apps/bestaat-niet');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    expect(missing.json().code).toBe('TWL_STORE_APP_NOT_FOUND');
  });

  it('accepts a review only from an organisation that ran the app, once', async () => {
    const review = { rating: 4, text: 'Telt snel en klopt met onze BAG-telling.', useCase: 'wateroverlast' };
    const post = (who: string, body: object = review) => app.inject({ method: 'POST', url: '/api/v1/apps/gebouwen-telling/reviews', headers: bearer(tokens[who]!), payload: body });
    const before = await post('almere');
    expect(before.statusCode).toBe(403);
    expect(before.json().code).toBe('TWL_STORE_REVIEW_WITHOUT_RUN');
    const run = await app.inject({ method: 'POST', url: '/api/v1/processes/gebouwen-telling/execution', headers: bearer(tokens.almere!), payload: { inputs: { sampleSize: 1 } } });
    expect(run.statusCode, run.body).toBe(200);
    const created = await post('almere');
    expect(created.statusCode, created.body).toBe(201);
    expect(Review.parse(created.json())).toMatchObject({ organisationId: 'almere', rating: 4, appVersion: '1.0.0', useCase: 'wateroverlast' });
    expect((await post('almere')).json().code).toBe('TWL_STORE_REVIEW_EXISTS');
    expect((await post('dronten')).statusCode).toBe(403);
    const bad = await post('almere', { rating: 6, text: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.rating', 'body.text']));
    expect((await app.inject({ method: 'POST', url: '/api/v1/apps/gebouwen-telling/reviews', payload: review })).statusCode).toBe(401);
    const listing = Listing.parse((await get('/api/v1/apps/gebouwen-telling')).json());
    expect(listing.reviews).toEqual({ count: 1, averageRating: 4 });
    expect(listing.usage).toEqual({ organisations: 1, runs: 1 });
    expect(listing.trust.criteria.find((c) => c.id === 'peer-reviewed')?.met).toBe(true);
    const audit = await db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'store.review.create').execute();
    expect(audit).toHaveLength(1);
    const sorted = await page('/api/v1/apps?sort=organisations');
    expect(sorted.apps[0]?.id).toBe('gebouwen-telling');
    expect((await page('/api/v1/apps?sort=rating')).apps[0]?.id).toBe('gebouwen-telling');
  });

  it('signs accreditations with Ed25519, verifies them, and detects tampering and expiry', async () => {
    const body = { scope: 'Telling van panden op gebiedsniveau', expiresAt: '2030-01-01T00:00:00.000Z' };
    const post = (who: string, payload: object = body) => app.inject({ method: 'POST', url: '/api/v1/apps/hittestress/accreditations', headers: bearer(tokens[who]!), payload });
    expect((await post('almere')).statusCode).toBe(403);
    const byOperator = await post('beheer');
    expect(byOperator.statusCode).toBe(403);
    expect(byOperator.json().code).toBe('TWL_STORE_NOT_ACCREDITOR');
    const past = await post('accreditor', { ...body, expiresAt: '2020-01-01T00:00:00.000Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.expiresAt');
    expect((await post('accreditor', { ...body, version: '9.9.9' })).statusCode).toBe(404);
    const created = await post('accreditor');
    expect(created.statusCode, created.body).toBe(201);
    const accreditation = Accreditation.parse(created.json());
    expect(accreditation).toMatchObject({ status: 'valid', statement: { appId: 'hittestress', accreditorId: 'kennisinstituut' } });
    expect(JSON.stringify(created.json())).not.toMatch(/PRIVATE KEY/);

    const { createPublicKey, verify } = await import('node:crypto');
    const { canonicalJson } = await import('@tweeling/core');
    expect(verify(null, Buffer.from(canonicalJson(accreditation.statement)), createPublicKey(accreditation.publicKey), Buffer.from(accreditation.signature, 'base64'))).toBe(true);

    const listed = () => get('/api/v1/apps/hittestress/accreditations').then((r) => Accreditation.array().parse(r.json().accreditations));
    expect((await listed()).map((a) => a.status)).toEqual(['valid']);
    const entry = (await page('/api/v1/apps?accredited=true')).apps.map((a) => a.id);
    expect(entry).toEqual(['hittestress']);
    expect(Listing.parse((await get('/api/v1/apps/hittestress')).json()).trust.criteria.find((c) => c.id === 'accredited')?.met).toBe(true);

    const tampered = { ...accreditation.statement, scope: 'Alles, overal, voor altijd' };
    await db.kysely.updateTable('store_accreditations').set({ statement: JSON.stringify(tampered) }).where('id', '=', accreditation.id).execute();
    expect((await listed()).map((a) => a.status)).toEqual(['invalid']);
    expect((await page('/api/v1/apps?accredited=true')).total).toBe(0);
    await db.kysely.updateTable('store_accreditations').set({ statement: JSON.stringify(accreditation.statement) }).where('id', '=', accreditation.id).execute();
    expect((await listed()).map((a) => a.status)).toEqual(['valid']);

    const soon = await post('accreditor', { ...body, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect(soon.statusCode).toBe(201);
    const expiring = Accreditation.parse(soon.json());
    const expired = { ...expiring.statement, expiresAt: '2021-01-01T00:00:00.000Z', issuedAt: '2020-01-01T00:00:00.000Z' };
    const { signStatement } = await import('./signing.js');
    const resigned = await signStatement(db.kysely, expired, new Date());
    await db.kysely.updateTable('store_accreditations').set({ statement: JSON.stringify(expired), signature: resigned.signature }).where('id', '=', expiring.id).execute();
    expect((await listed()).find((a) => a.id === expiring.id)?.status).toBe('expired');
    const keys = (await get('/api/v1/accreditations/keys')).json().keys as Array<{ id: string; publicKey: string }>;
    expect(keys.map((k) => k.id)).toEqual([accreditation.keyId]);
    expect(keys[0]?.publicKey).toBe(accreditation.publicKey);
    expect(JSON.stringify(keys)).not.toMatch(/PRIVATE/);
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });
});
