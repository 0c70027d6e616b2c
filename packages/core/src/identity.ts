import { z } from 'zod';

/** Kinds of organisation that use Tweeling. */
export const ORGANISATION_KINDS = [
  'gemeente',
  'provincie',
  'waterschap',
  'rijk',
  'kennisinstelling',
  'leverancier',
] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS).describe('Kind of organisation');
export type OrganisationKind = z.infer<typeof OrganisationKind>;

/** Organisation kinds whose organisations may be granted the right to accredit apps. */
export const ACCREDITING_KINDS: readonly OrganisationKind[] = ['kennisinstelling', 'rijk'];

/** Organisation id: a short lowercase slug such as `almere`. */
export const OrganisationId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, 'lowercase letters, digits and hyphens; no hyphen at either end')
  .describe('Organisation id, a lowercase slug such as `almere`');

export const Organisation = z
  .object({
    id: OrganisationId,
    name: z.string().min(1).max(200).describe('Official name, e.g. "Gemeente Almere"'),
    kind: OrganisationKind,
    oin: z
      .string()
      .regex(/^\d{20}$/, 'an OIN has 20 digits')
      .nullable()
      .describe('Organisatie-identificatienummer (20 digits), where known'),
    cbsCode: z
      .string()
      .regex(/^(GM|PV|WS)\d{4}$|^PV\d{2}$/, 'CBS code such as GM0034, PV24 or WS0155')
      .nullable()
      .describe('CBS code (gemeente GMxxxx, provincie PVxx, waterschap WSxxxx), where known'),
    mayAccredit: z.boolean().describe('Whether this organisation may sign accreditations'),
    isOperator: z.boolean().describe('Whether this organisation operates this Tweeling instance'),
    createdAt: z.string().datetime().describe('ISO 8601 time of creation'),
  })
  .describe('An organisation using Tweeling');
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationCreate = z
  .strictObject({
    id: OrganisationId,
    name: Organisation.shape.name,
    kind: OrganisationKind,
    oin: Organisation.shape.oin.optional().default(null),
    cbsCode: Organisation.shape.cbsCode.optional().default(null),
    mayAccredit: z.boolean().optional().default(false),
  })
  .describe('A new organisation');
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

/** Roles a member or token has within one organisation. */
export const ROLES = ['admin', 'data-steward', 'analyst', 'viewer'] as const;
export const Role = z.enum(ROLES).describe('Role within an organisation');
export type Role = z.infer<typeof Role>;

/**
 * Permissions, each granted by roles. A route declares the one it needs.
 * - `org:read`: see the organisation's own (non-public) things
 * - `jobs:run`: run apps
 * - `data:write`: publish and change datasets
 * - `org:admin`: manage members, tokens, subscriptions; read the audit log
 * - `accredit`: sign accreditations (only in organisations that may accredit)
 * - `platform:admin`: manage organisations of this instance (operator organisation's admins)
 */
export const PERMISSIONS = ['org:read', 'jobs:run', 'data:write', 'org:admin', 'accredit', 'platform:admin'] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

/** Which permissions each role carries inside its own organisation. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['org:read'],
  analyst: ['org:read', 'jobs:run'],
  'data-steward': ['org:read', 'jobs:run', 'data:write'],
  admin: ['org:read', 'jobs:run', 'data:write', 'org:admin'],
};

export const Email = z.string().trim().toLowerCase().email().max(254).describe('E-mail address');

export const User = z
  .object({
    id: z.string().uuid(),
    email: Email,
    name: z.string().min(1).max(200),
    createdAt: z.string().datetime(),
  })
  .describe('A person who uses Tweeling');
export type User = z.infer<typeof User>;

export const Member = z
  .object({
    userId: z.string().uuid(),
    organisationId: OrganisationId,
    email: Email,
    name: z.string(),
    role: Role,
    createdAt: z.string().datetime(),
  })
  .describe('A member of an organisation, with a role');
export type Member = z.infer<typeof Member>;

export const MemberCreate = z
  .strictObject({
    email: Email,
    name: z.string().trim().min(1).max(200).describe('Full name'),
    role: Role,
  })
  .describe('Add a person to the organisation (the person is created if new)');
export type MemberCreate = z.infer<typeof MemberCreate>;

export const MemberUpdate = z.strictObject({ role: Role }).describe('Change a member\'s role');
export type MemberUpdate = z.infer<typeof MemberUpdate>;

export const ApiToken = z
  .object({
    id: z.string().uuid(),
    organisationId: OrganisationId,
    userId: z.string().uuid().nullable().describe('The person the token acts for; null for a service token'),
    name: z.string().describe('What the token is for'),
    role: Role,
    prefix: z.string().describe('First characters of the token, to recognise it; the token itself is never stored'),
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime().nullable(),
    revokedAt: z.string().datetime().nullable(),
    lastUsedAt: z.string().datetime().nullable(),
  })
  .describe('An API token (its secret is shown once, at creation, and stored only as a hash)');
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('What the token is for'),
    role: Role,
    userId: z.string().uuid().optional().describe('Act for this member (their role caps the token role)'),
    expiresInDays: z.number().int().min(1).max(3650).optional().describe("Validity in days (default 365, or the server's TOKEN_MAX_DAYS when that is less; never more)"),
  })
  .describe('Create an API token');
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiTokenCreated = ApiToken.extend({
  token: z.string().describe('The secret token; shown only now'),
}).describe('A newly created API token with its secret');
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const ApiTokenRotate = z
  .strictObject({
    graceMinutes: z.number().int().min(0).max(1440).optional().default(0).describe('How long the old secret keeps working (0: revoked at once)'),
    expiresInDays: z.number().int().min(1).max(3650).optional().describe('Validity of the new secret in days (default: as long as the old one was given)'),
  })
  .describe('Replace a token by a new one with the same name, role and member');
export type ApiTokenRotate = z.infer<typeof ApiTokenRotate>;

export const ApiTokenRotated = ApiTokenCreated.extend({
  previous: ApiToken.describe('The replaced token: revoked, or expiring at the end of the grace period'),
}).describe('The new token (its secret shown once) and what became of the old one');
export type ApiTokenRotated = z.infer<typeof ApiTokenRotated>;

/** Who is calling: resolved from the bearer token, or anonymous. */
export const Caller = z
  .object({
    anonymous: z.boolean(),
    organisationId: OrganisationId.nullable(),
    userId: z.string().uuid().nullable(),
    tokenId: z.string().uuid().nullable(),
    role: Role.nullable(),
    permissions: z.array(Permission),
  })
  .describe('The caller of a request');
export type Caller = z.infer<typeof Caller>;
