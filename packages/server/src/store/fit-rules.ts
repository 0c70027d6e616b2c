/**
 * The fit check's rules for one dataset against one data requirement: pure functions, no I/O.
 * Each rule gives a verdict (ok ✓, warning ⚠, fail ✗) with a Dutch reason; the worst one counts.
 */
import type { Bbox, Dataset, DataRequirement, DatasetVersion, FitReason, FitVerdict } from '@tweeling/core';

const DAY_MS = 86_400_000;
const RANK: Record<FitVerdict, number> = { ok: 0, warning: 1, fail: 2 };
/** Below this share of the required coverage a dataset fails; between it and the requirement it warns. */
const COVERAGE_WARNING_SHARE = 0.5;
/**
 * The extent of a vector dataset is the box around its objects, which ends at the outermost
 * building or tree, not at the area's edge; it is widened by this margin (about half a street
 * block) before its coverage is computed. Raster extents are the grid's edges and are taken as is.
 */
const VECTOR_EDGE_MARGIN_M = 50;

/** The worse of verdicts (fail > warning > ok). */
export const worst = (verdicts: FitVerdict[]): FitVerdict => verdicts.reduce<FitVerdict>((w, v) => (RANK[v] > RANK[w] ? v : w), 'ok');
export const verdictRank = (v: FitVerdict) => RANK[v];

/** Attribute types that satisfy a required type. */
const SATISFIES: Record<string, readonly string[]> = {
  string: ['string'], number: ['number', 'integer'], integer: ['integer'], boolean: ['boolean'], date: ['date', 'string'], datetime: ['datetime', 'string'],
};

function attributeReasons(req: Extract<DataRequirement, { kind: 'vector' }>, version: DatasetVersion): FitReason[] {
  const attrs = version.attributes as Record<string, string>;
  return req.requiredAttributes.map((a): FitReason => {
    const found = attrs[a.name];
    if (found === undefined) {
      return a.optional
        ? { check: 'attribute', verdict: 'ok', message: `Optioneel attribuut '${a.name}' ontbreekt; de app gebruikt haar standaard.` }
        : { check: 'attribute', verdict: 'fail', message: `Verplicht attribuut '${a.name}' (${a.type}) ontbreekt.` };
    }
    if (SATISFIES[a.type]?.includes(found)) return { check: 'attribute', verdict: 'ok', message: `Attribuut '${a.name}' aanwezig (${found}).` };
    if (found === 'null' || (a.type === 'integer' && found === 'number')) {
      return { check: 'attribute', verdict: 'warning', message: `Attribuut '${a.name}' is ${found === 'null' ? 'overal leeg' : 'niet overal geheel'}; verwacht ${a.type}.` };
    }
    return { check: 'attribute', verdict: a.optional ? 'warning' : 'fail', message: `Attribuut '${a.name}' heeft type ${found}; verwacht ${a.type}.` };
  });
}

function geometryReason(req: Extract<DataRequirement, { kind: 'vector' }>, version: DatasetVersion): FitReason {
  const present = version.geometryTypes;
  const accepted = present.filter((g) => req.geometryTypes.includes(g));
  if (present.length === 0) return { check: 'geometry', verdict: 'fail', message: 'De dataset heeft geen geometrieën.' };
  if (accepted.length === present.length) return { check: 'geometry', verdict: 'ok', message: `Geometrie ${present.join(', ')}.` };
  if (accepted.length > 0) return { check: 'geometry', verdict: 'warning', message: `Ook ${present.filter((g) => !accepted.includes(g)).join(', ')}; de app verwacht ${req.geometryTypes.join(', ')}.` };
  return { check: 'geometry', verdict: 'fail', message: `Geometrie ${present.join(', ')}; de app verwacht ${req.geometryTypes.join(', ')}.` };
}

function resolutionReason(req: Extract<DataRequirement, { kind: 'raster' }>, dataset: Dataset, version: DatasetVersion): FitReason {
  const cell = version.raster?.cellSize ?? dataset.quality.resolutionM;
  if (cell === undefined) return { check: 'resolution', verdict: 'warning', message: 'Celgrootte onbekend.' };
  return cell <= req.maxCellSizeM
    ? { check: 'resolution', verdict: 'ok', message: `Cellen van ${cell} m (hoogstens ${req.maxCellSizeM} m).` }
    : { check: 'resolution', verdict: 'fail', message: `Cellen van ${cell} m zijn te grof; de app vraagt hoogstens ${req.maxCellSizeM} m.` };
}

/** Share (0–1) of `area` covered by `bbox`. */
export function coveredShare(bbox: Bbox, area: Bbox): number {
  const w = Math.min(bbox[2], area[2]) - Math.max(bbox[0], area[0]);
  const h = Math.min(bbox[3], area[3]) - Math.max(bbox[1], area[1]);
  const areaSize = (area[2] - area[0]) * (area[3] - area[1]);
  if (w <= 0 || h <= 0 || areaSize <= 0) return 0;
  return Math.min(1, (w * h) / areaSize);
}

function coverageReason(req: DataRequirement, version: DatasetVersion, area: Bbox | null): FitReason {
  const min = req.minCoverageFraction;
  if (min === 0) return { check: 'coverage', verdict: 'ok', message: 'Geen eis aan de dekking.' };
  if (!area) return { check: 'coverage', verdict: 'warning', message: 'Het gebied van de organisatie is onbekend; dekking niet te controleren.' };
  if (!version.bbox) return { check: 'coverage', verdict: 'fail', message: 'De dataset heeft geen omvang (leeg).' };
  const [x0, y0, x1, y1] = version.bbox as Bbox;
  const m = req.kind === 'vector' ? VECTOR_EDGE_MARGIN_M : 0;
  const share = coveredShare([x0 - m, y0 - m, x1 + m, y1 + m], area);
  const pct = (n: number) => `${Math.round(n * 100)} %`;
  // Bounding boxes overestimate coverage a little; a rounding tolerance of 0.5 % keeps exact fits exact.
  if (share >= min - 0.005) return { check: 'coverage', verdict: 'ok', message: `Dekt ${pct(share)} van het gebied (eis ${pct(min)}).` };
  return {
    check: 'coverage',
    verdict: share >= min * COVERAGE_WARNING_SHARE ? 'warning' : 'fail',
    message: `Dekt ${pct(share)} van het gebied; de app vraagt ${pct(min)}.`,
  };
}

function ageReason(req: DataRequirement, dataset: Dataset, version: DatasetVersion, now: Date): FitReason {
  if (req.maxAgeDays === undefined) return { check: 'age', verdict: 'ok', message: 'Geen eis aan de actualiteit.' };
  const captured = dataset.quality.captureDate;
  const reference = captured ?? version.createdAt;
  const ageDays = Math.floor((now.getTime() - Date.parse(reference)) / DAY_MS);
  const basis = captured ? `opname ${captured}` : `opnamedatum onbekend, versie van ${version.createdAt.slice(0, 10)}`;
  return ageDays <= req.maxAgeDays
    ? { check: 'age', verdict: 'ok', message: `${ageDays} dagen oud (${basis}; hoogstens ${req.maxAgeDays}).` }
    : { check: 'age', verdict: 'fail', message: `${ageDays} dagen oud (${basis}); de app vraagt hoogstens ${req.maxAgeDays} dagen.` };
}

function licenceReason(req: DataRequirement, dataset: Dataset): FitReason {
  if (!req.allowedLicences) return { check: 'licence', verdict: 'ok', message: `Licentie ${dataset.licence}.` };
  return req.allowedLicences.includes(dataset.licence)
    ? { check: 'licence', verdict: 'ok', message: `Licentie ${dataset.licence} is toegestaan.` }
    : { check: 'licence', verdict: 'fail', message: `Licentie ${dataset.licence} is niet toegestaan; toegestaan: ${req.allowedLicences.join(', ')}.` };
}

function crsReason(req: DataRequirement, version: DatasetVersion): FitReason {
  if (version.crs === req.crs) return { check: 'crs', verdict: 'ok', message: `CRS ${version.crs}.` };
  return req.kind === 'vector'
    ? { check: 'crs', verdict: 'ok', message: `CRS ${version.crs}; het platform rekent om naar ${req.crs}.` }
    : { check: 'crs', verdict: 'fail', message: `Raster in ${version.crs}; de app vraagt ${req.crs} (rasters worden niet omgerekend).` };
}

/**
 * Every reason why `dataset` (its latest version) does or does not serve `req` for an organisation
 * whose area is `area` (EPSG:28992 bbox, null when unknown), at time `now`.
 */
export function checkCandidate(req: DataRequirement, dataset: Dataset, area: Bbox | null, now: Date): FitReason[] {
  const version = dataset.latestVersion;
  if (dataset.kind !== req.kind) return [{ check: 'kind', verdict: 'fail', message: `Een ${dataset.kind === 'raster' ? 'raster' : 'vectordataset'}; de app vraagt een ${req.kind === 'raster' ? 'raster' : 'vectordataset'}.` }];
  if (!version) return [{ check: 'version', verdict: 'fail', message: 'De dataset heeft nog geen versie.' }];
  const kindSpecific = req.kind === 'vector' ? [geometryReason(req, version), ...attributeReasons(req, version)] : [resolutionReason(req, dataset, version)];
  return [...kindSpecific, crsReason(req, version), coverageReason(req, version, area), ageReason(req, dataset, version, now), licenceReason(req, dataset)];
}
