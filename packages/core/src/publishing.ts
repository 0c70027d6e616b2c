import { z } from 'zod';
import { AppId, SemVer } from './app-manifest.js';
import { OrganisationId } from './identity.js';
import { Link } from './ogc.js';

/**
 * The store's published, uniform criteria for admitting a release (DDTAS report §3.3: "duidelijke
 * criteria", a level playing field for every vendor). The platform checks the `automatic` ones
 * when a package arrives; the store operator's reviewer judges the `reviewer` ones. A release is
 * admitted only when every criterion is met.
 */
export const REVIEW_CRITERIA = {
  manifest: { nl: 'Het manifest (tweeling.app.json) is geldig', en: 'The manifest (tweeling.app.json) is valid', how: 'automatic' },
  publisher: { nl: 'De release wordt ingediend door de organisatie die het manifest als uitgever noemt', en: 'Submitted by the organisation the manifest names as publisher', how: 'automatic' },
  package: { nl: 'Het pakket bevat alleen gewone bestanden binnen de pakketmap, binnen de groottegrenzen', en: 'The package holds only regular files inside its folder, within the size limits', how: 'automatic' },
  loads: { nl: 'De app laadt in de sandbox en exporteert de app die het manifest beschrijft', en: 'The app loads in the sandbox and exports the app its manifest declares', how: 'automatic' },
  documentation: { nl: 'Modelkaart (methode, validatie, bronnen), beperkingen en serviceniveau zijn ingevuld', en: 'Model card (method, validation, references), limitations and service level are filled in', how: 'automatic' },
  purpose: { nl: 'Naam, samenvatting en use cases beschrijven eerlijk wat de app doet', en: 'Name, summary and use cases honestly describe what the app does', how: 'reviewer' },
  'data-use': { nl: 'De app leest alleen de data die haar data-eisen noemen; persoonsgegevens alleen met grondslag (AVG)', en: 'The app reads only the data its requirements declare; personal data only with a legal basis (GDPR)', how: 'reviewer' },
  terms: { nl: 'Licentie, prijs en serviceniveau zijn duidelijk en rechtmatig', en: 'Licence, price and service level are clear and lawful', how: 'reviewer' },
  outputs: { nl: 'De uitkomsten zijn beschreven en aannemelijk op het demogebied', en: 'The outputs are described and plausible on the demo area', how: 'reviewer' },
} as const;
export type ReviewCriterionId = keyof typeof REVIEW_CRITERIA;
export const REVIEW_CRITERION_IDS = Object.keys(REVIEW_CRITERIA) as [ReviewCriterionId, ...ReviewCriterionId[]];
/** The criteria a reviewer judges (the others the platform checks). */
export const REVIEWER_CRITERION_IDS = REVIEW_CRITERION_IDS.filter((id) => REVIEW_CRITERIA[id].how === 'reviewer') as [ReviewCriterionId, ...ReviewCriterionId[]];

export const ReviewCriterionInfo = z
  .object({
    id: z.enum(REVIEW_CRITERION_IDS),
    nl: z.string(),
    en: z.string(),
    how: z.enum(['automatic', 'reviewer']).describe('Checked by the platform when the package arrives, or judged by the store reviewer'),
  })
  .describe('One criterion for admitting a release to the store');
export type ReviewCriterionInfo = z.infer<typeof ReviewCriterionInfo>;

export const PublicationCheck = z
  .object({
    criterion: z.enum(REVIEW_CRITERION_IDS),
    met: z.boolean().nullable().describe('null: not judged yet (reviewer criteria of a pending publication)'),
    detail: z.string().describe('Why it is (not) met (Dutch)'),
  })
  .describe('One review criterion applied to a publication');
export type PublicationCheck = z.infer<typeof PublicationCheck>;

export const PUBLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const PublicationStatus = z.enum(PUBLICATION_STATUSES).describe('pending: in the review queue; approved: a release in the store; rejected: with reasons');

export const PublicationDecision = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    criteria: z
      .partialRecord(z.enum(REVIEWER_CRITERION_IDS), z.strictObject({ met: z.boolean(), note: z.string().trim().max(2000).optional() }))
      .default({})
      .describe('The reviewer\'s judgement per reviewer criterion; approving needs every one met'),
    note: z.string().trim().max(4000).optional().describe('Reasons for the vendor (required when rejecting)'),
  })
  .describe('The store reviewer\'s decision on a publication');
export type PublicationDecision = z.infer<typeof PublicationDecision>;

export const Publication = z
  .object({
    id: z.string().uuid(),
    appId: AppId,
    version: z.string(),
    channel: z.enum(['stable', 'beta']),
    publisher: OrganisationId,
    status: PublicationStatus,
    sizeBytes: z.number().int().describe('Size of the uploaded package (gzip\'d tar)'),
    packageSha256: z.string().describe('SHA-256 of the uploaded package'),
    codeHash: z.string().describe('Code hash a run record of this release will pin'),
    entry: z.string().describe('The app module inside the package'),
    checks: z.array(PublicationCheck),
    submittedAt: z.string().datetime(),
    decidedAt: z.string().datetime().nullable(),
    decidedBy: OrganisationId.nullable(),
    note: z.string().nullable().describe('The reviewer\'s reasons'),
    links: z.array(Link),
  })
  .describe('A release submitted to the store, and its review');
export type Publication = z.infer<typeof Publication>;

export const DeprecationCreate = z
  .strictObject({
    sunset: z.iso.date().describe('From this day (YYYY-MM-DD) the release takes no new runs; recorded runs stay re-runnable'),
    successor: SemVer.optional().describe('The release to use instead'),
    note: z.string().trim().max(2000).optional(),
  })
  .describe('Deprecating a release, announced by its publisher');
export type DeprecationCreate = z.infer<typeof DeprecationCreate>;

export const Deprecation = z
  .object({
    appId: AppId,
    version: SemVer,
    sunset: z.iso.date(),
    successor: SemVer.nullable(),
    note: z.string().nullable(),
    announcedAt: z.string().datetime(),
  })
  .describe('A deprecated release: its sunset date and successor');
export type Deprecation = z.infer<typeof Deprecation>;

export const BetaTester = z
  .object({ organisationId: OrganisationId, organisationName: z.string(), invitedAt: z.string().datetime() })
  .describe('An organisation invited to see and run the beta releases of an app');
export type BetaTester = z.infer<typeof BetaTester>;

export const UpdateAvailable = z
  .object({
    appId: AppId,
    inUse: SemVer.describe('Newest release the organisation ran'),
    available: SemVer.describe('Newest stable release it may use'),
    changelog: z.array(z.object({ version: SemVer, changelog: z.string().nullable() })).describe('What changed, newest first, for every release after the one in use'),
    deprecation: Deprecation.nullable().describe('When the release in use is deprecated'),
  })
  .describe('A newer release of an app the organisation uses');
export type UpdateAvailable = z.infer<typeof UpdateAvailable>;
