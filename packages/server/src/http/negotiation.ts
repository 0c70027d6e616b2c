import type { FastifyRequest } from 'fastify';

interface AcceptEntry {
  type: string;
  q: number;
}

function parseAccept(header: string): AcceptEntry[] {
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const value = q ? Number(q.slice(2)) : 1;
      return { type: type.trim().toLowerCase(), q: Number.isFinite(value) ? value : 0 };
    })
    .filter((entry) => entry.type !== '');
}

/**
 * Whether the caller asked for HTML explicitly: `f=html`, or an Accept header that names
 * text/html with a higher preference than JSON. `Accept: *\/*` (what GDAL and OWSLib send) gets JSON.
 */
export function wantsHtml(request: FastifyRequest): boolean {
  const f = (request.query as Record<string, unknown> | undefined)?.f;
  if (f === 'html') return true;
  if (f === 'json') return false;
  const accept = request.headers.accept;
  if (!accept) return false;
  const entries = parseAccept(accept);
  const html = entries.find((e) => e.type === 'text/html')?.q ?? 0;
  const json = Math.max(0, ...entries.filter((e) => e.type === 'application/json' || e.type.endsWith('+json')).map((e) => e.q));
  return html > 0 && html > json;
}

/** The base URL for absolute links: PUBLIC_URL when set, else what the request was sent to. */
export function baseUrl(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
