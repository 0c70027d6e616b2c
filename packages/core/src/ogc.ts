import { z } from 'zod';

/** An OGC API / RFC 8288 web link; `href` is always absolute. */
export const Link = z
  .object({
    href: z.string().describe('Absolute URL'),
    rel: z.string().describe('Relation type, e.g. `self`, `service-desc`, `conformance`, `data`'),
    type: z.string().optional().describe('Media type of the target'),
    title: z.string().optional().describe('Human-readable title'),
    hreflang: z.string().optional(),
  })
  .describe('A web link (RFC 8288)');
export type Link = z.infer<typeof Link>;

/** OGC API Common landing page at `/api/v1`. */
export const LandingPage = z
  .object({
    title: z.string(),
    description: z.string(),
    links: z.array(Link),
  })
  .describe('OGC API landing page');
export type LandingPage = z.infer<typeof LandingPage>;

/** OGC API conformance declaration. */
export const ConformanceDeclaration = z
  .object({ conformsTo: z.array(z.string().describe('Conformance class URI')) })
  .describe('OGC API conformance declaration');
export type ConformanceDeclaration = z.infer<typeof ConformanceDeclaration>;

/** Media type OWSLib and GDAL expect on the `service-desc` link. */
export const OPENAPI_MEDIA_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/** Health of the service and its database. */
export const Health = z
  .object({
    status: z.enum(['pass', 'fail']).describe('Overall status'),
    version: z.string().describe('Tweeling version'),
    database: z.object({
      engine: z.enum(['pglite', 'postgres']).describe('Embedded PGlite or PostgreSQL'),
      reachable: z.boolean(),
      migrationsApplied: z.number().int(),
      migrationsKnown: z.number().int(),
      migrationsCurrent: z.boolean(),
    }),
    uptimeS: z.number().describe('Seconds since start'),
  })
  .describe('Health of the service (draft-inadarei-api-health-check status values)');
export type Health = z.infer<typeof Health>;
