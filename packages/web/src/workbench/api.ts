import { USE_CASE_MANAGER_ROLES, type Caller, type UseCase } from '@tweeling/core';
import { ApiError, apiFetch } from '../api/client.js';
import { useApi } from '../api/useApi.js';
import { useAuth } from '../auth.js';

/** API path below a use case: ucPath(id, 'canvas', 'light') → 'use-cases/{id}/canvas/light'. */
export function ucPath(useCaseId: string, ...rest: string[]): string {
  return ['use-cases', useCaseId, ...rest].map(encodeURIComponent).join('/');
}

/** Sends JSON with the signed-in token; resolves with the parsed answer (undefined for 204). */
export function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return apiFetch<T>(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** One problem with a field of a form: `name` is the field (its input has id `input-{name}`). */
export interface FieldError {
  name: string;
  message: string;
}

/**
 * Maps the field errors of a 400 problem (`path: body.title`, `body.content.knelpunten`) to the form's
 * fields with `fieldOf`; errors it cannot place stay in `rest` as text.
 */
export function problemFieldErrors(error: unknown, fieldOf: (path: string[]) => string | undefined): { fields: FieldError[]; rest: string[] } {
  const fields: FieldError[] = [];
  const rest: string[] = [];
  if (error instanceof ApiError && error.problem?.errors?.length) {
    for (const e of error.problem.errors) {
      const path = (e.path ?? '').split('.').filter((p) => p !== 'body');
      const name = fieldOf(path);
      const message = e.message ?? error.message;
      if (name && !fields.some((f) => f.name === name)) fields.push({ name, message });
      else if (!name) rest.push(`${path.join('.')}: ${message}`);
    }
  } else rest.push(error instanceof Error ? error.message : String(error));
  return { fields, rest };
}

/** The caller as the API knows it (with the user id, to find one's own team roles); null when anonymous. */
export function useCaller(): Caller | null {
  const { token } = useAuth();
  const me = useApi<Caller>(token ? 'me' : null, token);
  return token && me.data && !me.data.anonymous ? me.data : null;
}

/** Whether the caller may change the use case: their own organisation's, and allowed to work with the twin. */
export function mayEdit(caller: Caller | null, useCase: UseCase): boolean {
  return caller !== null && caller.organisationId === useCase.organisationId && caller.permissions.includes('jobs:run');
}

/**
 * Whether the caller may manage the use case (phase, team, visibility, decisions): an editor who is
 * use-case owner or projectleider in its team, or an admin of the organisation (as the server checks).
 */
export function mayManage(caller: Caller | null, useCase: UseCase): boolean {
  if (!caller || !mayEdit(caller, useCase)) return false;
  return caller.role === 'admin' || useCase.team.some((m) => m.userId === caller.userId && USE_CASE_MANAGER_ROLES.includes(m.role));
}

/** Splits a textarea into items, one a line, without empty lines. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
