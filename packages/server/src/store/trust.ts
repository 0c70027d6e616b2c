import { TRUST_CRITERIA, type AppManifest, type Trust, type TrustCriterion, type TrustCriterionId, type TrustLevel } from '@tweeling/core';

/**
 * Open-source licences (SPDX ids approved by the OSI or the EU) accepted for the `open-source`
 * criterion; an expression passes when every licence in it is one of these.
 */
const OPEN_LICENCES = new Set(['EUPL-1.2', 'EUPL-1.1', 'MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only', 'GPL-3.0-or-later', 'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'MPL-2.0', 'ISC', 'Unlicense', '0BSD']);
/** A model-card text shorter than this is a placeholder, not a description. */
const MIN_TEXT_CHARS = 40;
/** A service-level text shorter than this says nothing about support or availability. */
const MIN_SERVICE_LEVEL_CHARS = 20;

/** Criteria decided by the manifest alone, with why they are (not) met. */
export function manifestCriteria(m: AppManifest): Array<{ id: TrustCriterionId; met: boolean; detail: string }> {
  const licences = m.licence.split(/ (?:AND|OR|WITH) /);
  const open = licences.every((l) => OPEN_LICENCES.has(l));
  const method = m.modelCard.method.nl.trim().length >= MIN_TEXT_CHARS;
  const validation = m.modelCard.validation.nl.trim().length >= MIN_TEXT_CHARS;
  const references = m.modelCard.references.length > 0;
  const datasetInputs = Object.values(m.inputs).filter((i) => i.dataRequirement !== undefined).length;
  const major = Number(m.version.split('.')[0]);
  const prerelease = m.version.includes('-');
  return [
    { id: 'open-source', met: open, detail: open ? `Licentie ${m.licence}` : `Licentie ${m.licence} is geen open-sourcelicentie` },
    {
      id: 'model-card',
      met: method && validation && references,
      detail: [method ? null : 'methode ontbreekt of is te kort', validation ? null : 'validatie ontbreekt of is te kort', references ? null : 'geen bronnen'].filter(Boolean).join('; ') || `Methode, validatie en ${m.modelCard.references.length} bron(nen)`,
    },
    { id: 'validation', met: validation, detail: validation ? 'Validatie beschreven in de modelkaart' : 'Geen (bruikbare) validatiebeschrijving' },
    {
      id: 'data-requirements',
      met: Object.keys(m.dataRequirements).length > 0 && datasetInputs > 0,
      detail: datasetInputs > 0 ? `${Object.keys(m.dataRequirements).length} data-eis(en) voor ${datasetInputs} datasetinvoer(en)` : 'De app leest geen datasets; geen data-eisen',
    },
    { id: 'limitations', met: m.limitations.length > 0, detail: m.limitations.length > 0 ? `${m.limitations.length} beperking(en) genoemd` : 'Geen beperkingen genoemd' },
    { id: 'data-imperfections', met: m.dataImperfections.length > 0, detail: m.dataImperfections.length > 0 ? `${m.dataImperfections.length} effect(en) beschreven` : 'Geen effecten van data-onvolkomenheden beschreven' },
    { id: 'service-level', met: m.serviceLevel.nl.trim().length >= MIN_SERVICE_LEVEL_CHARS, detail: m.serviceLevel.nl },
    { id: 'stable-version', met: m.channel === 'stable' && major >= 1 && !prerelease, detail: `Versie ${m.version} (${m.channel})` },
  ];
}

/** What happened on this instance for an app: the non-manifest evidence. */
export interface TrustEvidence {
  /** A rerun reproduced the output hashes of its original run. */
  reproduced: boolean;
  reviews: number;
  /** Valid (signed, unexpired) accreditations. */
  accreditations: number;
}

const WHO: Record<TrustCriterionId, TrustCriterion['how']> = {
  'open-source': 'manifest', 'model-card': 'manifest', validation: 'manifest', 'data-requirements': 'manifest', limitations: 'manifest',
  'data-imperfections': 'manifest', 'service-level': 'manifest', 'stable-version': 'manifest', reproducible: 'platform', 'peer-reviewed': 'peers', accredited: 'accreditor',
};

/** Criteria that must all be met for the level `gevalideerd` (and, with an accreditation, `geaccrediteerd`). */
const CORE: readonly TrustCriterionId[] = ['model-card', 'validation', 'data-requirements', 'limitations'];

/**
 * Trust level and score of an app from the criteria its manifest meets (ids, as stored at sync) and
 * the evidence on this instance. Levels: `geaccrediteerd` = a valid accreditation and the core
 * criteria (model card, validation, data requirements, limitations); `gevalideerd` = the core criteria
 * plus reproducible or peer-reviewed; `gedocumenteerd` = the core criteria; else `basis`.
 * The score is the percentage of all criteria met.
 */
export function trustOf(manifestMet: readonly string[], evidence: TrustEvidence): { level: TrustLevel; score: number; met: Set<TrustCriterionId> } {
  const met = new Set(manifestMet as TrustCriterionId[]);
  if (evidence.reproduced) met.add('reproducible');
  if (evidence.reviews > 0) met.add('peer-reviewed');
  if (evidence.accreditations > 0) met.add('accredited');
  const core = CORE.every((c) => met.has(c));
  const level: TrustLevel = !core ? 'basis' : met.has('accredited') ? 'geaccrediteerd' : met.has('reproducible') || met.has('peer-reviewed') ? 'gevalideerd' : 'gedocumenteerd';
  const total = Object.keys(TRUST_CRITERIA).length;
  return { level, score: Math.round((met.size / total) * 100), met };
}

/** The full breakdown for a listing: every criterion with its detail and source. */
export function trustBreakdown(manifest: AppManifest, evidence: TrustEvidence): Trust {
  const fromManifest = manifestCriteria(manifest);
  const { level, score } = trustOf(fromManifest.filter((c) => c.met).map((c) => c.id), evidence);
  const platform: Array<{ id: TrustCriterionId; met: boolean; detail: string }> = [
    { id: 'reproducible', met: evidence.reproduced, detail: evidence.reproduced ? 'Een herhaalde run gaf dezelfde uitvoer-hashes' : 'Nog geen herhaalde run die de uitvoer reproduceerde' },
    { id: 'peer-reviewed', met: evidence.reviews > 0, detail: `${evidence.reviews} beoordeling(en) van gebruikende organisaties` },
    { id: 'accredited', met: evidence.accreditations > 0, detail: evidence.accreditations > 0 ? `${evidence.accreditations} geldige accreditatie(s)` : 'Geen geldige accreditatie' },
  ];
  const criteria = [...fromManifest, ...platform].map((c) => ({ ...c, label: TRUST_CRITERIA[c.id].nl, source: TRUST_CRITERIA[c.id].source, how: WHO[c.id] }));
  return { level, score, criteria };
}
