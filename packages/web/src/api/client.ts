import type { Problem } from './types.js';

/** The API lives on the same origin as the web app. */
export const API = '/api/v1';

const TOKEN_KEY = 'tweeling.token';

/** The API token of this browser tab (sessionStorage: gone when the tab closes). */
export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage blocked: the user signs in again on the next page load.
  }
}

/** An error response of the API, carrying its problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

export function authHeaders(token: string | null = getToken()): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Fetches an API path (or absolute URL) as JSON, with the token when signed in. */
export async function apiFetch<T>(path: string, init: RequestInit & { token?: string | null } = {}): Promise<T> {
  const { token, headers, ...rest } = init;
  const url = path.startsWith('http') || path.startsWith('/') ? path : `${API}/${path}`;
  const response = await fetch(url, {
    ...rest,
    headers: { accept: 'application/json', ...authHeaders(token === undefined ? getToken() : token), ...(headers as Record<string, string> | undefined) },
  });
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Makes an absolute API link from the server relative to this page's origin (works behind proxies too). */
export function relativeApiHref(href: string): string {
  try {
    const url = new URL(href, window.location.href);
    return url.pathname + url.search;
  } catch {
    return href;
  }
}
