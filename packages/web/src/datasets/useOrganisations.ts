import type { Organisation } from '../api/types.js';
import { useApi } from '../api/useApi.js';

/** Organisation names by id (falls back to the id while loading or when unknown). */
export function useOrganisationName(): (id: string) => string {
  const orgs = useApi<{ organisations: Organisation[] }>('organisations');
  const names = new Map((orgs.data?.organisations ?? []).map((o) => [o.id, o.name]));
  return (id) => names.get(id) ?? id;
}
