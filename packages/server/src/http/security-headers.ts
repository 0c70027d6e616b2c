/**
 * Security headers and Content-Security-Policies. Three kinds of pages:
 * - the web app (packages/web: React + Vite + MapLibre GL) gets a strict policy: scripts and styles
 *   only from its own files (no inline scripts), images also from data:/blob: URLs, and workers from
 *   blob: URLs (MapLibre starts its worker from one);
 * - API responses (/api/…) get a policy that allows no scripts at all; their HTML pages carry one
 *   inline style block;
 * - Swagger UI (/api/v1/docs) sets its own policy with the hashes of its inline code (swagger-ui's
 *   `staticCSP`), see `docsCsp`.
 */

type Directives = Record<string, string[]>;

const render = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => (values.length ? `${name} ${values.join(' ')}` : name))
    .join('; ');

/** The web app's policy; `https`: also ask the browser to upgrade any http:// request. */
export function webCsp(https: boolean): string {
  return render({
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  });
}

/** The API's policy: JSON needs none, the plain HTML pages need their inline style and nothing else. */
export function apiCsp(): string {
  return render({
    'default-src': ["'none'"],
    'style-src': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/**
 * The one inline style Swagger UI's bundle adds: the `<style>` inside its small SVG logo
 * (`.logo_small_svg__cls-2{fill:#fff}…`). The browser test fails when an upgrade changes it.
 */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * Swagger UI's own policy (@fastify/swagger-ui's `staticCSP`), plus the hash of its logo's style, and
 * without upgrade-insecure-requests on plain http.
 */
export function docsCsp(https: boolean): (header: string) => string {
  return (header) => {
    const withLogo = header.replace(/style-src ([^;]*)/, (_, sources: string) => `style-src ${sources.trim()} ${SWAGGER_LOGO_STYLE}`);
    return https ? withLogo : withLogo.replace(/\s*upgrade-insecure-requests;?/, '').trim();
  };
}

/** Browser features the platform never uses. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=()';

/** Helmet's options for the headers besides the CSP (which `securityPlugin` sets per kind of page). */
export function helmetOptions(https: boolean) {
  return {
    contentSecurityPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' as const },
    crossOriginResourcePolicy: { policy: 'same-origin' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    frameguard: { action: 'deny' as const },
    // Only over https: a browser that saw HSTS on plain http would ignore it anyway, and a test
    // server on http://localhost must not pin the name.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}
