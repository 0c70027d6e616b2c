import type { RetroAxis, StoryTreeKind, UseCaseRole, UseCaseStatus } from '@tweeling/core';
import type { MessageKey } from '../i18n/nl.js';

/** i18n keys of the workbench's vocabularies (phases, team roles, tree levels, retrospective axes). */
export const statusKey = (status: UseCaseStatus): MessageKey => `wb.status.${status}`;
export const roleKey = (role: UseCaseRole): MessageKey => `wb.role.${role}`;
export const kindKey = (kind: StoryTreeKind): MessageKey => `wb.tree.kind.${kind}`;
export const axisKey = (axis: RetroAxis): MessageKey => `wb.retro.axis.${axis}`;
