import { USE_CASES, type UseCaseId } from '@tweeling/core';
import type { ProcessSummary } from './api/types.js';

export const USE_CASE_LIST = Object.keys(USE_CASES) as UseCaseId[];

export function isUseCase(id: string): id is UseCaseId {
  return Object.prototype.hasOwnProperty.call(USE_CASES, id);
}

/** The use cases an installed app serves: its keywords that are vocabulary ids (OGC processes carry them as keywords). */
export function useCasesOf(process: ProcessSummary): UseCaseId[] {
  return [...new Set((process.keywords ?? []).filter(isUseCase))];
}

export function useCaseLabel(id: UseCaseId, lang: 'nl' | 'en'): string {
  return USE_CASES[id][lang];
}

/** Free-text search over title, description and keywords (and the use cases' labels); every word must match. */
export function matchesQuery(process: ProcessSummary, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const labels = useCasesOf(process).flatMap((id) => [USE_CASES[id].nl, USE_CASES[id].en]);
  const haystack = [process.id, process.title, process.description ?? '', ...(process.keywords ?? []), ...labels].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
