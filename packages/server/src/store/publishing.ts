/**
 * Publishing and the review queue: a vendor organisation submits an app package; the platform
 * checks what it can (package, manifest, publisher, loads in the sandbox, documentation); the store
 * operator's reviewer judges the rest against the same published criteria for every vendor, and
 * approves (the release enters the store and can run, always sandboxed) or rejects with reasons.
 */
import { randomUUID } from 'node:crypto';
import {
  AppManifestError, REVIEW_CRITERIA, REVIEW_CRITERION_IDS, REVIEWER_CRITERION_IDS,
  type AppManifest, type Caller, type Publication, type PublicationCheck, type PublicationDecision, type ReviewCriterionInfo,
} from '@tweeling/core';
import { appendAudit, type Actor } from '../audit/index.js';
import { TweelingError } from '../errors.js';
import { AppPackageError, registerPublishedRelease, storeAppPackage, type PackageInspection } from '../runtime/index.js';
import { PUBLISHING_ERRORS } from './publishing-errors.js';
import { readChangelog, syncListings } from './sync.js';
import { manifestCriteria } from './trust.js';
import type { StoreDeps } from './visibility.js';

const UNIQUE_VIOLATION = '23505';
const MAX_LISTED = 500;

export interface PublishingDeps extends StoreDeps {
  /** The runtime's package check (runtime room). */
  inspectPackage: (bytes: Uint8Array) => Promise<PackageInspection>;
}

/** The published criteria, for vendors and reviewers alike. */
export const reviewCriteria = (): ReviewCriterionInfo[] => REVIEW_CRITERION_IDS.map((id) => ({ id, ...REVIEW_CRITERIA[id] }));

const isPlatformAdmin = (caller: Caller) => caller.permissions.includes('platform:admin');

/** The platform's own checks of a package that passed the hard ones (which refuse the upload outright). */
function automaticChecks(inspection: PackageInspection): PublicationCheck[] {
  const m = inspection.manifest;
  const docs = manifestCriteria(m).filter((c) => c.id === 'model-card' || c.id === 'limitations' || c.id === 'service-level');
  const missing = docs.filter((c) => !c.met);
  return [
    { criterion: 'manifest', met: true, detail: `${m.id}@${m.version} (${m.channel})` },
    { criterion: 'publisher', met: true, detail: `Ingediend door ${m.publisher}` },
    { criterion: 'package', met: true, detail: `${(inspection.sizeBytes / 1024).toFixed(1)} kB, SHA-256 ${inspection.sha256.slice(0, 12)}…` },
    { criterion: 'loads', met: true, detail: `${inspection.entry} laadt in de sandbox en exporteert ${m.id}@${m.version}` },
    { criterion: 'documentation', met: missing.length === 0, detail: missing.length === 0 ? docs.map((c) => c.detail).join('; ') : missing.map((c) => c.detail).join('; ') },
    ...REVIEWER_CRITERION_IDS.map((criterion) => ({ criterion, met: null, detail: 'Wacht op beoordeling' })),
  ];
}

type PublicationRow = Awaited<ReturnType<typeof findPublications>>[number];

function toPublication(row: PublicationRow, base: string): Publication {
  const self = `${base}/publications/${row.id}`;
  return {
    id: row.id,
    appId: row.app_id,
    version: row.version,
    channel: row.channel as Publication['channel'],
    publisher: row.publisher_id,
    status: row.status as Publication['status'],
    sizeBytes: Number(row.size_bytes ?? 0),
    packageSha256: row.package_sha256,
    codeHash: row.code_hash,
    entry: row.entry,
    checks: row.checks as PublicationCheck[],
    submittedAt: new Date(row.submitted_at).toISOString(),
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decidedBy: row.decided_by,
    note: row.note,
    links: [
      { href: self, rel: 'self', type: 'application/json', title: 'Deze inzending' },
      { href: `${self}/package`, rel: 'enclosure', type: 'application/gzip', title: 'Het ingediende pakket' },
      ...(row.status === 'approved'
        ? [
          { href: `${base}/apps/${row.app_id}`, rel: 'related', type: 'application/json', title: 'Storepagina' },
          { href: `${base}/processes/${row.app_id}`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/process', type: 'application/json', title: 'Proces' },
        ]
        : []),
    ],
  };
}

async function findPublications(deps: StoreDeps, where: { id?: string; status?: string; publisher?: string }) {
  let query = deps.db
    .selectFrom('app_publications as a')
    .leftJoin('app_packages as p', 'p.sha256', 'a.package_sha256')
    .select(['a.id', 'a.app_id', 'a.version', 'a.channel', 'a.publisher_id', 'a.status', 'a.package_sha256', 'a.entry', 'a.code_hash', 'a.checks', 'a.submitted_at', 'a.decided_at', 'a.decided_by', 'a.note', 'p.size_bytes'])
    .orderBy('a.submitted_at', 'asc')
    .limit(MAX_LISTED);
  if (where.id) query = query.where('a.id', '=', where.id);
  if (where.status) query = query.where('a.status', '=', where.status);
  if (where.publisher) query = query.where('a.publisher_id', '=', where.publisher);
  return query.execute();
}

/**
 * Submits a package for review.
 * @throws TWL_STORE_PACKAGE_INVALID / TWL_STORE_MANIFEST_INVALID (400, every problem listed),
 *   TWL_STORE_PUBLISHER_MISMATCH (403), TWL_STORE_APP_ID_TAKEN / TWL_STORE_RELEASE_EXISTS (409)
 */
export async function submitPublication(deps: PublishingDeps, caller: Caller, actor: Actor, bytes: Uint8Array, base: string): Promise<Publication> {
  const org = caller.organisationId;
  if (!org) throw new TweelingError(PUBLISHING_ERRORS.PUBLISHER_MISMATCH, 'Alleen een organisatie kan een app publiceren.');
  let inspection: PackageInspection;
  try {
    inspection = await deps.inspectPackage(bytes);
  } catch (error) {
    if (error instanceof AppManifestError) {
      throw new TweelingError(PUBLISHING_ERRORS.MANIFEST_INVALID, `tweeling.app.json heeft ${error.issues.length} probleem/problemen.`, error.issues.map((i) => ({ path: `tweeling.app.json${i.path ? `.${i.path}` : ''}`, message: i.message })));
    }
    if (error instanceof AppPackageError) throw new TweelingError(PUBLISHING_ERRORS.PACKAGE_INVALID, error.message);
    throw error;
  }
  const m: AppManifest = inspection.manifest;
  if (m.publisher !== org) {
    throw new TweelingError(PUBLISHING_ERRORS.PUBLISHER_MISMATCH, `Het manifest noemt '${m.publisher}' als uitgever; uw organisatie is '${org}'. Een organisatie publiceert alleen haar eigen apps.`);
  }
  const now = deps.clock();
  const id = randomUUID();
  const changelog = await readChangelog(inspection.modulePath, m.version).catch(() => null);
  await deps.db.transaction().execute(async (trx) => {
    const owner = await trx.selectFrom('app_releases').select('publisher_id').where('app_id', '=', m.id)
      .union(trx.selectFrom('app_publications').select('publisher_id').where('app_id', '=', m.id).where('status', '<>', 'rejected'))
      .execute();
    if (owner.some((o) => o.publisher_id !== org)) throw new TweelingError(PUBLISHING_ERRORS.APP_ID_TAKEN, `De app-id '${m.id}' is van een andere uitgever; kies een eigen id.`);
    const existing = await trx.selectFrom('app_releases').select('version').where('app_id', '=', m.id).where('version', '=', m.version)
      .union(trx.selectFrom('app_publications').select('version').where('app_id', '=', m.id).where('version', '=', m.version).where('status', '<>', 'rejected'))
      .executeTakeFirst();
    if (existing) throw new TweelingError(PUBLISHING_ERRORS.RELEASE_EXISTS, `${m.id}@${m.version} is al ingediend of gepubliceerd; een release verandert niet meer — verhoog het versienummer.`);
    await storeAppPackage(trx, bytes, inspection.sha256, now);
    await trx.insertInto('app_publications').values({
      id, app_id: m.id, version: m.version, channel: m.channel, publisher_id: org, manifest: JSON.stringify(m),
      package_sha256: inspection.sha256, entry: inspection.entry, code_hash: inspection.codeHash, changelog,
      status: 'pending', checks: JSON.stringify(automaticChecks(inspection)), submitted_by: caller.tokenId, submitted_at: now,
    }).execute();
    await appendAudit(trx, actor, { action: 'store.publication.submit', targetType: 'app', targetId: m.id, payload: { publication: id, version: m.version, package: inspection.sha256, codeHash: inspection.codeHash } }, now);
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new TweelingError(PUBLISHING_ERRORS.RELEASE_EXISTS, `${m.id}@${m.version} is al ingediend.`);
    throw error;
  });
  return getPublication(deps, caller, id, base);
}

/** The caller's organisation's publications; for the store operator every one (`status=pending`: the review queue). */
export async function listPublications(deps: StoreDeps, caller: Caller, status: string | undefined, base: string): Promise<Publication[]> {
  const rows = await findPublications(deps, { ...(status ? { status } : {}), ...(isPlatformAdmin(caller) ? {} : { publisher: caller.organisationId ?? '-' }) });
  return rows.map((row) => toPublication(row, base));
}

/** @throws TWL_STORE_PUBLICATION_NOT_FOUND (also for another organisation's publication) */
export async function getPublication(deps: StoreDeps, caller: Caller, id: string, base: string): Promise<Publication> {
  const [row] = await findPublications(deps, { id });
  if (!row || (!isPlatformAdmin(caller) && row.publisher_id !== caller.organisationId)) {
    throw new TweelingError(PUBLISHING_ERRORS.PUBLICATION_NOT_FOUND, `Inzending ${id} bestaat niet.`);
  }
  return toPublication(row, base);
}

/** The submitted package bytes (for the reviewer and the vendor). */
export async function publicationPackage(deps: StoreDeps, caller: Caller, id: string, base: string): Promise<{ bytes: Uint8Array; name: string }> {
  const publication = await getPublication(deps, caller, id, base);
  const row = await deps.db.selectFrom('app_packages').select('bytes').where('sha256', '=', publication.packageSha256).executeTakeFirstOrThrow();
  return { bytes: row.bytes, name: `${publication.appId}-${publication.version}.tgz` };
}

/** The reviewer's judgement merged into the checks; throws when the decision does not follow from them. */
function judged(checks: PublicationCheck[], decision: PublicationDecision): PublicationCheck[] {
  const merged = checks.map((check) => {
    const given = decision.criteria[check.criterion as keyof typeof decision.criteria];
    return given ? { ...check, met: given.met, detail: given.note || (given.met ? 'Voldoet (beoordelaar)' : 'Voldoet niet (beoordelaar)') } : check;
  });
  const failing = merged.filter((c) => c.met === false);
  if (decision.decision === 'approve') {
    const open = merged.filter((c) => c.met !== true);
    if (open.length > 0) {
      throw new TweelingError(PUBLISHING_ERRORS.DECISION_INCOMPLETE, 'Goedkeuren kan alleen als aan elk criterium is voldaan.', open.map((c) => ({ path: `criteria.${c.criterion}`, message: c.met === false ? `voldoet niet: ${c.detail}` : 'nog niet beoordeeld' })));
    }
  } else if (failing.length === 0 || !decision.note) {
    throw new TweelingError(PUBLISHING_ERRORS.DECISION_INCOMPLETE, 'Afwijzen vraagt een toelichting (note) en ten minste één criterium waaraan niet is voldaan.');
  }
  return merged;
}

/**
 * The store operator's decision. Approving makes the release runnable and lists it in the store,
 * in one transaction with the decision and its audit entry.
 * @throws TWL_STORE_PUBLICATION_NOT_FOUND, TWL_STORE_PUBLICATION_DECIDED (409), TWL_STORE_DECISION_INCOMPLETE (400)
 */
export async function decidePublication(deps: StoreDeps, caller: Caller, actor: Actor, id: string, decision: PublicationDecision, base: string): Promise<Publication> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('app_publications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new TweelingError(PUBLISHING_ERRORS.PUBLICATION_NOT_FOUND, `Inzending ${id} bestaat niet.`);
    if (row.status !== 'pending') throw new TweelingError(PUBLISHING_ERRORS.PUBLICATION_DECIDED, `Over deze inzending is al beslist (${row.status}).`);
    const checks = judged(row.checks as PublicationCheck[], decision);
    const status = decision.decision === 'approve' ? 'approved' : 'rejected';
    await trx.updateTable('app_publications').set({ status, checks: JSON.stringify(checks), decided_by: caller.organisationId, decided_at: now, note: decision.note ?? null }).where('id', '=', id).execute();
    if (status === 'approved') {
      await registerPublishedRelease(trx, { manifest: row.manifest as AppManifest, sha256: row.package_sha256, entry: row.entry, codeHash: row.code_hash });
    }
    await appendAudit(trx, actor, { action: `store.publication.${decision.decision}`, targetType: 'app', targetId: row.app_id, organisationId: row.publisher_id, payload: { publication: id, version: row.version, criteria: decision.criteria, note: decision.note ?? null } }, now);
  });
  if (decision.decision === 'approve') await syncListings(deps.db, now);
  return getPublication(deps, caller, id, base);
}
