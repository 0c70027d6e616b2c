import { useEffect, useState } from 'react';

/** A hash route: `#/apps/hittestress?q=hitte` → path ['apps', 'hittestress'], query q=hitte. */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  return { path: pathPart.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(queryPart) };
}

/** Builds a hash link: href('apps', 'x') → '#/apps/x'. */
export function href(...parts: Array<string | Record<string, string | undefined>>): string {
  const segments: string[] = [];
  let query = '';
  for (const part of parts) {
    if (typeof part === 'string') segments.push(encodeURIComponent(part));
    else {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(part)) if (v) params.set(k, v);
      const s = params.toString();
      if (s) query = `?${s}`;
    }
  }
  return `#/${segments.join('/')}${query}`;
}

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

/** The current hash route. Hashes that are no routes (e.g. a skip link's #main) keep the route. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      const hash = window.location.hash;
      if (hash === '' || hash === '#' || hash.startsWith('#/')) setRoute(parseHash(hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
