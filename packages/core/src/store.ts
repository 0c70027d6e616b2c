/**
 * The App Store's shapes: catalogue entries with facets, the listing, the fit check, trust criteria,
 * reviews and signed accreditations. The server derives all of them from installed app releases
 * (see the store room); nothing here does I/O.
 */
import { z } from 'zod';
import { LocalizedText, UseCaseIdSchema } from './vocabulary.js';
import { DatasetId } from './dataset-ref.js';
import { OrganisationId } from './identity.js';
import { AppId, SemVer, type AppManifest } from './app-manifest.js';

/** How well an app meets the trust criteria, from low to high (see {@link TRUST_CRITERIA}). */
export const TRUST_LEVELS = ['basis', 'gedocumenteerd', 'gevalideerd', 'geaccrediteerd'] as const;
export const TrustLevel = z.enum(TRUST_LEVELS).describe('Trust level: basis < gedocumenteerd < gevalideerd < geaccrediteerd');
export type TrustLevel = z.infer<typeof TrustLevel>;

/**
 * The trust criteria, after the DDTAS report (`../shared/sources/004_…`): §2.3 (a listing names the
 * data, data quality, hardware and the effect of data imperfections), §2.6e (trust in data, in
 * validated and explainable models, in version management), §3.1 (version management and service
 * levels), §3.3 (clear criteria, peer reviews by governments that used the app, accreditation by an
 * authority). Each is met automatically from the manifest or from what happened on this instance.
 */
export const TRUST_CRITERIA = {
  'open-source': { nl: 'Open licentie: de broncode is herleidbaar en herbruikbaar', source: '004 §2.6e (herleidbaarheid), §3.1' },
  'model-card': { nl: 'Modelkaart compleet: methode, validatie en bronnen', source: '004 §2.6e i–ii' },
  validation: { nl: 'Validatie beschreven (waartegen en hoe)', source: '004 §2.6e i' },
  'data-requirements': { nl: 'Data-eisen per datasetinvoer vastgelegd (soort, CRS, resolutie, attributen)', source: '004 §2.3, §3.2.1' },
  limitations: { nl: 'Bekende beperkingen genoemd', source: '004 §2.3' },
  'data-imperfections': { nl: 'Effect van data-onvolkomenheden beschreven', source: '004 §2.3' },
  'service-level': { nl: 'Serviceniveau beschreven (ondersteuning, beschikbaarheid)', source: '004 §3.1 (service levels), rollen PPS (service level afspraken)' },
  'stable-version': { nl: 'Stabiele versie ≥ 1.0.0 (versiebeheer)', source: '004 §2.6e, §3.1' },
  reproducible: { nl: 'Reproduceerbaar: een herhaalde run gaf dezelfde uitvoer-hashes', source: '004 §2.6e ii, §2.9' },
  'peer-reviewed': { nl: 'Beoordeeld door een overheid die de app gebruikte (peer review)', source: '004 §3.3b' },
  accredited: { nl: 'Geaccrediteerd door een erkende kennisinstelling (geldige handtekening)', source: '004 §3.3c' },
} as const;
export type TrustCriterionId = keyof typeof TRUST_CRITERIA;
export const TRUST_CRITERION_IDS = Object.keys(TRUST_CRITERIA) as [TrustCriterionId, ...TrustCriterionId[]];

export const TrustCriterion = z
  .object({
    id: z.enum(TRUST_CRITERION_IDS).describe('Criterion id'),
    label: z.string().describe('What the criterion asks (Dutch)'),
    met: z.boolean().describe('Whether the app meets it'),
    how: z.enum(['manifest', 'platform', 'accreditor', 'peers']).describe('Who or what decides: the manifest, the platform (runs), an accreditor, or peer reviews'),
    detail: z.string().describe('Why it is (not) met (Dutch)'),
    source: z.string().describe('Where the criterion comes from (section of the DDTAS report)'),
  })
  .describe('One trust criterion and whether it is met');
export type TrustCriterion = z.infer<typeof TrustCriterion>;

export const Trust = z
  .object({
    level: TrustLevel,
    score: z.number().int().min(0).max(100).describe('Percentage of criteria met'),
    criteria: z.array(TrustCriterion),
  })
  .describe('Trust breakdown of a listing');
export type Trust = z.infer<typeof Trust>;

export const PricingKind = z.enum(['free', 'subscription', 'perRun']).describe('Pricing model');

export const CATALOGUE_SORTS = ['relevance', 'organisations', 'rating', 'newest'] as const;

/** Query of `GET /apps`. */
export const CatalogueQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional().describe('Search text (Dutch or English); word beginnings match too (`hoosb` finds `hoosbui`)'),
    usecase: UseCaseIdSchema.optional(),
    theme: z.string().max(60).optional(),
    publisher: OrganisationId.optional(),
    pricing: PricingKind.optional(),
    trustLevel: TrustLevel.optional(),
    accredited: z.enum(['true', 'false']).optional().describe('Only apps with (true) or without (false) a valid accreditation'),
    sort: z.enum(CATALOGUE_SORTS).optional().describe('relevance (default with q), organisations, rating, newest (default without q)'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .describe('Catalogue search');
export type CatalogueQuery = z.infer<typeof CatalogueQuery>;

export const Usage = z
  .object({
    organisations: z.number().int().min(0).describe('Distinct organisations that ran the app (metered runs)'),
    runs: z.number().int().min(0).describe('Metered runs'),
  })
  .describe('Usage of an app on this instance');

export const ReviewSummary = z
  .object({
    count: z.number().int().min(0),
    averageRating: z.number().min(1).max(5).nullable().describe('Mean rating 1–5; null without reviews'),
  })
  .describe('Reviews in short');

/** One app in the catalogue. */
export const CatalogueEntry = z
  .object({
    id: AppId,
    version: SemVer.describe('Newest release the caller may see'),
    channel: z.enum(['stable', 'beta']),
    name: LocalizedText,
    summary: LocalizedText,
    useCases: z.array(UseCaseIdSchema),
    themes: z.array(z.string()),
    publisher: z.object({ id: OrganisationId, name: z.string() }),
    pricing: PricingKind,
    trustLevel: TrustLevel,
    trustScore: z.number().int().min(0).max(100),
    accredited: z.boolean(),
    usage: Usage,
    reviews: ReviewSummary,
    firstPublishedAt: z.string().datetime(),
    relevance: z.number().nullable().describe('Text-search rank; null without q'),
  })
  .describe('An app in the catalogue');
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

export const FacetValue = z.object({ value: z.string(), label: z.string().optional(), count: z.number().int().min(0) });

export const CataloguePage = z
  .object({
    apps: z.array(CatalogueEntry),
    total: z.number().int().min(0).describe('Matches before paging'),
    facets: z
      .object({
        usecase: z.array(FacetValue),
        theme: z.array(FacetValue),
        publisher: z.array(FacetValue),
        pricing: z.array(FacetValue),
        trustLevel: z.array(FacetValue),
        accredited: z.array(FacetValue),
      })
      .describe('Counts per value over the matches of every other filter (a facet does not narrow itself)'),
  })
  .describe('A page of the catalogue with facets');
export type CataloguePage = z.infer<typeof CataloguePage>;

export const UseCaseSummary = z
  .object({ id: UseCaseIdSchema, label: LocalizedText, apps: z.number().int().min(0).describe('Apps the caller may see for this use case') })
  .describe('A use case of the shared vocabulary with its number of apps');

/** A release as listed: the manifest's version plus an optional changelog (from CHANGELOG.md next to the manifest). */
export const ListingRelease = z
  .object({
    version: SemVer,
    channel: z.enum(['stable', 'beta']),
    publishedAt: z.string().datetime().describe('When this instance installed it'),
    codeHash: z.string().describe('SHA-256 of the release code'),
    changelog: z.string().nullable().optional().describe('What changed in this release (the section of CHANGELOG.md for this version), where the app ships one'),
    deprecation: z
      .object({ sunset: z.iso.date(), successor: SemVer.nullable(), note: z.string().nullable() })
      .nullable()
      .optional()
      .describe('Set when the publisher deprecated this release'),
  })
  .describe('A release of an app');
export type ListingRelease = z.infer<typeof ListingRelease>;

export const Review = z
  .object({
    id: z.string().uuid(),
    appId: AppId,
    appVersion: SemVer.describe('Newest release the organisation ran when it reviewed'),
    organisationId: OrganisationId,
    organisationName: z.string(),
    rating: z.number().int().min(1).max(5),
    text: z.string(),
    useCase: UseCaseIdSchema.nullable(),
    createdAt: z.string().datetime(),
  })
  .describe('A review by an organisation that ran the app');
export type Review = z.infer<typeof Review>;

export const ReviewCreate = z
  .strictObject({
    rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (excellent)'),
    text: z.string().trim().min(1).max(4000).describe('The review'),
    useCase: UseCaseIdSchema.optional().describe('The use case the app was used for'),
  })
  .describe('A new review');
export type ReviewCreate = z.infer<typeof ReviewCreate>;

/** What an accreditor signs: canonical JSON of this object, Ed25519. */
export const AccreditationStatement = z
  .object({
    appId: AppId,
    appVersion: SemVer,
    codeHash: z.string().describe('SHA-256 of the accredited release code'),
    manifestHash: z.string().describe('SHA-256 of the canonical JSON of the release manifest'),
    accreditorId: OrganisationId,
    scope: z.string().describe('What the accreditation covers'),
    issuedAt: z.string().datetime(),
    expiresAt: z.string().datetime(),
  })
  .describe('The signed statement of an accreditation');
export type AccreditationStatement = z.infer<typeof AccreditationStatement>;

export const Accreditation = z
  .object({
    id: z.string().uuid(),
    statement: AccreditationStatement,
    accreditorName: z.string(),
    signature: z.string().describe('Ed25519 signature (base64) over canonicalJson(statement)'),
    keyId: z.string().describe('Id of the signing key'),
    publicKey: z.string().describe('The signing public key (SPKI PEM), to verify independently'),
    status: z.enum(['valid', 'invalid', 'expired']).describe('Signature checked now: valid, invalid (tampered or wrong key) or expired'),
  })
  .describe('A signed accreditation of an app release');
export type Accreditation = z.infer<typeof Accreditation>;

/** A public signing key of this instance, to verify accreditations independently. */
export const SigningKeyInfo = z
  .object({ id: z.string(), publicKey: z.string().describe('Ed25519 public key, SPKI PEM'), createdAt: z.string().datetime() })
  .describe('Public signing key of this Tweeling instance');

export const AccreditationCreate = z
  .strictObject({
    version: SemVer.optional().describe('Release to accredit; the newest stable one when left out'),
    scope: z.string().trim().min(1).max(2000).describe('What was checked and for which use, e.g. "wateroverlast-stresstest, gebiedsniveau"'),
    expiresAt: z.iso.datetime().describe('When the accreditation lapses (ISO 8601, in the future, at most 5 years ahead)'),
  })
  .describe('Sign an accreditation');
export type AccreditationCreate = z.infer<typeof AccreditationCreate>;

/** Verdict of the fit check: ✓ ok, ⚠ warning (works with caveats), ✗ fail. */
export const FitVerdict = z.enum(['ok', 'warning', 'fail']).describe('ok ✓, warning ⚠, fail ✗');
export type FitVerdict = z.infer<typeof FitVerdict>;

export const FitReason = z.object({ check: z.string().describe('kind, geometry, attribute, crs, resolution, coverage, age, licence, version'), verdict: FitVerdict, message: z.string().describe('Dutch') });
export type FitReason = z.infer<typeof FitReason>;

export const FitCandidate = z
  .object({
    dataset: DatasetId,
    version: z.number().int().positive().nullable(),
    organisationId: OrganisationId,
    title: LocalizedText,
    verdict: FitVerdict,
    reasons: z.array(FitReason),
  })
  .describe('A dataset that could serve a data requirement, with its verdict');
export type FitCandidate = z.infer<typeof FitCandidate>;

export const FitRequirement = z
  .object({
    requirement: z.string().describe('Key in the manifest\'s dataRequirements'),
    inputs: z.array(z.string()).describe('Process inputs that use it'),
    optional: z.boolean().describe('Whether every input using it is optional'),
    kind: z.enum(['vector', 'raster']),
    verdict: FitVerdict,
    best: DatasetId.nullable().describe('The best candidate, suggested for the run'),
    message: z.string().describe('Summary (Dutch)'),
    candidates: z.array(FitCandidate),
  })
  .describe('Fit of one data requirement');

export const FitCheck = z
  .object({
    appId: AppId,
    version: SemVer,
    organisationId: OrganisationId.nullable().describe('Organisation checked; null = anonymous (public data only)'),
    area: z
      .object({ bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(), crs: z.string(), source: z.string().describe('How the area was determined (Dutch)') })
      .describe('The organisation\'s area, for the coverage check'),
    verdict: FitVerdict,
    requirements: z.array(FitRequirement),
    hardware: z.object({
      verdict: FitVerdict,
      needed: z.object({ cores: z.number().int(), memoryMiB: z.number().int(), gpu: z.boolean() }),
      available: z.object({ cores: z.number().int(), memoryMiB: z.number().int(), gpu: z.boolean() }),
      message: z.string(),
    }),
    inputs: z.record(z.string(), z.object({ dataset: DatasetId, version: z.number().int().positive() })).describe('Suggested dataset inputs, to pre-fill "Run"'),
  })
  .describe('Whether an app works with an organisation\'s data and this instance\'s hardware');
export type FitCheck = z.infer<typeof FitCheck>;

/** The store page of one app. */
export const Listing = CatalogueEntry.omit({ relevance: true })
  .extend({
    // The manifest's JSON Schemas are recursive (JsonSchemaSubset), which the OpenAPI generator
    // cannot place inline; the response schema checks for an object and documents it as the AppManifest.
    manifest: z
      .custom<AppManifest>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'an app manifest')
      .describe('The AppManifest (tweeling.app.json) of the listed release: model card, data and hardware requirements, limitations, inputs/outputs, service level, pricing'),
    releases: z.array(ListingRelease).describe('Every release the caller may see, newest first'),
    trust: Trust,
    accreditations: z.array(Accreditation),
    reviewList: z.array(Review).describe('The newest reviews (at most 20)'),
    competitors: z
      .array(z.object({ id: AppId, name: LocalizedText, useCases: z.array(UseCaseIdSchema), trustLevel: TrustLevel }))
      .describe('Other apps for the same use cases'),
  })
  .describe('An app\'s store page');
export type Listing = z.infer<typeof Listing>;

export const Subscription = z
  .object({
    id: z.string().uuid(),
    organisationId: OrganisationId,
    appId: AppId,
    startedAt: z.string().datetime(),
    endedAt: z.string().datetime().nullable().describe('When it was ended; null while active'),
  })
  .describe('An organisation\'s subscription to an app');
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionCreate = z.strictObject({ appId: AppId.describe('App to subscribe to') }).describe('Subscribe to an app');
export type SubscriptionCreate = z.infer<typeof SubscriptionCreate>;

/** A month as `YYYY-MM`. */
export const StatementMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').describe('Month (YYYY-MM, UTC)');

export const StatementLine = z
  .object({
    kind: z.enum(['perRun', 'subscription', 'free', 'runsUnderSubscription', 'runsWithoutSubscription']).describe('What the line charges'),
    appId: AppId,
    appVersion: SemVer.nullable().describe('Release the runs used; null for a subscription fee'),
    description: z.string().describe('Dutch'),
    quantity: z.number().int().min(0).describe('Runs, or 1 for a monthly fee'),
    unitPriceEur: z.number().min(0),
    amountEur: z.number().min(0),
    jobIds: z.array(z.string().uuid()).describe('The metered runs the line traces back to'),
  })
  .describe('One line of a monthly statement');
export type StatementLine = z.infer<typeof StatementLine>;

export const Statement = z
  .object({
    organisationId: OrganisationId,
    month: StatementMonth,
    currency: z.literal('EUR'),
    lines: z.array(StatementLine),
    runs: z.number().int().min(0).describe('Metered runs in the month'),
    totalEur: z.number().min(0).describe('Sum of the lines, euro excluding VAT (summed in cents)'),
  })
  .describe('A monthly statement of an organisation: metered runs and subscriptions priced per release');
export type Statement = z.infer<typeof Statement>;
