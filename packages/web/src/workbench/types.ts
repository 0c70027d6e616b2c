import type { Caller, UseCase } from '@tweeling/core';

/** What every tab of the use-case page gets. */
export interface TabProps {
  useCase: UseCase;
  caller: Caller | null;
  /** The caller may change this use case (own organisation, allowed to work with the twin). */
  canEdit: boolean;
  /** The caller may also manage it: phase, team, visibility, decisions (owner, projectleider or admin). */
  canManage: boolean;
  /** Reloads the use case itself (after a status or team change). */
  reload: () => void;
}
