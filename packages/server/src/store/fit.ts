import { availableParallelism, totalmem } from 'node:os';
import type { AppManifest, Bbox, Caller, Dataset, DataRequirement, FitCandidate, FitCheck, LocalizedText } from '@tweeling/core';
import { listDatasets } from '../data/index.js';
import { DEMO_AREA_OWNER } from '../demo-datasets.js';
import { TweelingError } from '../errors.js';
import { DEMO_ORGANISATIONS } from '../seed.js';
import { STORE_ERRORS } from './errors.js';
import { checkCandidate, verdictRank, worst } from './fit-rules.js';
import { visibleRelease, type StoreDeps } from './visibility.js';

/** Candidates listed per requirement (best first). */
const MAX_CANDIDATES = 5;
const MIB = 1024 * 1024;
const RD_NEW = 'EPSG:28992';

/** Lowercase words of at least three letters, camelCase split (`landUse` → land, use). */
const tokens = (text: string) => new Set((text.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []));

/** How many words a requirement (key + description) shares with a dataset (id, titles, keywords); plural `s` ignored. */
function affinity(key: string, req: DataRequirement, dataset: Dataset): number {
  const stem = (w: string) => w.replace(/s$/, '');
  const wanted = new Set([...tokens(`${key} ${req.description.nl} ${req.description.en ?? ''}`)].map(stem));
  const offered = new Set([...tokens(`${dataset.id} ${dataset.title.nl} ${dataset.title.en ?? ''} ${dataset.keywords.join(' ')}`)].map(stem));
  return [...wanted].filter((w) => offered.has(w)).length;
}

const union = (boxes: Bbox[]): Bbox | null =>
  boxes.length === 0 ? null : [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
const extentsOf = (datasets: Dataset[]) => datasets.map((d) => d.latestVersion).filter((v) => v?.bbox && v.crs === RD_NEW).map((v) => v!.bbox as Bbox);

/**
 * The organisation's area for the coverage check: the union of the extents (RD New) of the datasets
 * it owns; for a demo organisation (or an anonymous caller) without data of its own, the demo area
 * (the union of the public synthetic datasets of the demo municipality). Unknown (null) otherwise.
 */
function areaOf(org: string | null, datasets: Dataset[]): FitCheck['area'] {
  const own = union(extentsOf(datasets.filter((d) => d.organisationId === org)));
  if (own) return { bbox: own, crs: RD_NEW, source: 'Omvang van de eigen datasets van de organisatie' };
  if (org === null || DEMO_ORGANISATIONS.some((o) => o.id === org)) {
    const demo = union(extentsOf(datasets.filter((d) => d.organisationId === DEMO_AREA_OWNER && d.synthetic && d.visibility === 'public')));
    if (demo) return { bbox: demo, crs: RD_NEW, source: 'Demogebied (synthetisch), want de organisatie heeft geen eigen datasets' };
  }
  return { bbox: null, crs: RD_NEW, source: 'Onbekend: de organisatie heeft geen datasets met een omvang' };
}

/** Who the fit check is for: the caller's organisation, or another one for platform administrators. */
function subject(caller: Caller, organisation: string | undefined): string | null {
  if (organisation === undefined || organisation === caller.organisationId) return caller.organisationId;
  if (caller.permissions.includes('platform:admin')) return organisation;
  throw new TweelingError(STORE_ERRORS.ORGANISATION_FORBIDDEN, 'U kunt de fit check alleen voor uw eigen organisatie doen.', [{ path: 'querystring.organisation', message: 'not your organisation' }]);
}

function checkRequirement(key: string, req: DataRequirement, manifest: AppManifest, datasets: Dataset[], area: Bbox | null, org: string | null, now: Date): FitCheck['requirements'][number] {
  const inputs = Object.entries(manifest.inputs).filter(([, i]) => i.dataRequirement === key);
  const optional = inputs.every(([, i]) => i.minOccurs === 0);
  const defaults = new Set(inputs.map(([, i]) => (i.schema.default as { dataset?: string } | undefined)?.dataset).filter(Boolean));
  const scored = datasets
    .filter((d) => d.kind === req.kind)
    .map((d) => {
      const reasons = checkCandidate(req, d, area, now);
      const candidate: FitCandidate = { dataset: d.id, version: d.latestVersion?.version ?? null, organisationId: d.organisationId, title: d.title as LocalizedText, verdict: worst(reasons.map((r) => r.verdict)), reasons };
      return { candidate, preferred: defaults.has(d.id) ? 1 : 0, affinity: affinity(key, req, d), own: d.organisationId === org ? 1 : 0 };
    })
    .sort((a, b) => verdictRank(a.candidate.verdict) - verdictRank(b.candidate.verdict) || b.preferred - a.preferred || b.affinity - a.affinity || b.own - a.own || a.candidate.dataset.localeCompare(b.candidate.dataset));
  // An optional input without a default is only suggested a dataset that names what it is for.
  const top = scored[0];
  const best = top && (!optional || top.preferred || top.affinity > 0) ? top.candidate : undefined;
  const kindNl = req.kind === 'raster' ? 'raster' : 'vectordataset';
  let verdict = best?.verdict ?? 'fail';
  let message = best
    ? best.verdict === 'ok' ? `${best.dataset} voldoet.` : `Beste kandidaat ${best.dataset}: ${best.reasons.filter((r) => r.verdict !== 'ok').map((r) => r.message).join(' ')}`
    : scored.length > 0 ? `Geen passende ${kindNl} gevonden.` : `Geen ${kindNl} beschikbaar voor deze invoer.`;
  if (optional && !best) {
    // The app has a documented fallback for an optional input: it works without a dataset.
    verdict = 'ok';
    message = `Optioneel; geen dataset voorgesteld, de app rekent zonder. ${scored.length > 0 ? 'Kies zelf een dataset als u er een hebt.' : ''}`.trim();
  } else if (optional && verdict === 'fail') {
    verdict = 'warning';
    message = `${message} De invoer is optioneel; de app rekent ook zonder.`;
  }
  return {
    requirement: key, inputs: inputs.map(([id]) => id), optional, kind: req.kind, verdict, message,
    best: best && best.verdict !== 'fail' ? best.dataset : null,
    candidates: scored.slice(0, MAX_CANDIDATES).map((s) => s.candidate),
  };
}

/**
 * Whether an app works with an organisation's data: per data requirement the datasets the
 * organisation may see (own, public, shared) with a verdict and reasons, the hardware of this
 * machine against the app's needs, one overall verdict and the suggested dataset inputs.
 * @throws TWL_STORE_APP_NOT_FOUND, TWL_STORE_ORGANISATION_FORBIDDEN, TWL_STORE_ORGANISATION_NOT_FOUND
 */
export async function fitCheck(deps: StoreDeps, caller: Caller, appId: string, organisation?: string): Promise<FitCheck> {
  const visible = await visibleRelease(deps.db, caller, appId);
  const org = subject(caller, organisation);
  if (org && !(await deps.db.selectFrom('organisations').select('id').where('id', '=', org).executeTakeFirst())) {
    throw new TweelingError(STORE_ERRORS.ORGANISATION_NOT_FOUND, `Organisatie '${org}' bestaat niet.`, [{ path: 'querystring.organisation', message: 'unknown organisation' }]);
  }
  const release = await deps.db.selectFrom('app_releases').select('manifest').where('app_id', '=', appId).where('version', '=', visible.newest).executeTakeFirstOrThrow();
  const manifest = release.manifest as AppManifest;
  const asOrg: Caller = { anonymous: org === null, organisationId: org, userId: null, tokenId: null, role: null, permissions: [] };
  const datasets = await listDatasets(deps, asOrg);
  const area = areaOf(org, datasets);
  const now = deps.clock();
  const requirements = Object.entries(manifest.dataRequirements).map(([key, req]) => checkRequirement(key, req, manifest, datasets, area.bbox, org, now));
  const available = { cores: availableParallelism(), memoryMiB: Math.floor(totalmem() / MIB), gpu: false };
  const needed = manifest.hardware;
  const short = [
    needed.cores > available.cores ? `${needed.cores} kernen nodig, ${available.cores} beschikbaar` : null,
    needed.memoryMiB > available.memoryMiB ? `${needed.memoryMiB} MiB geheugen nodig, ${available.memoryMiB} MiB beschikbaar` : null,
    needed.gpu ? 'een GPU nodig; deze installatie heeft geen GPU voor apps' : null,
  ].filter((s): s is string => s !== null);
  const hardware = { verdict: short.length ? ('fail' as const) : ('ok' as const), needed, available, message: short.length ? short.join('; ') : `Past: ${needed.cores} kern(en), ${needed.memoryMiB} MiB.` };
  const inputs: FitCheck['inputs'] = {};
  for (const r of requirements) {
    const best = r.candidates.find((c) => c.dataset === r.best);
    if (best?.version) for (const input of r.inputs) inputs[input] = { dataset: best.dataset, version: best.version };
  }
  return { appId, version: visible.newest, organisationId: org, area, verdict: worst([...requirements.map((r) => r.verdict), hardware.verdict]), requirements, hardware, inputs };
}
