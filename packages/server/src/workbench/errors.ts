import { defineError } from '../errors.js';

/** The workbench room's error catalogue (`TWL_WORKBENCH_*`). */
export const WORKBENCH_ERRORS = {
  USE_CASE_NOT_FOUND: defineError('TWL_WORKBENCH_USE_CASE_NOT_FOUND', 404, 'Use case niet gevonden'),
  FORBIDDEN: defineError('TWL_WORKBENCH_FORBIDDEN', 403, 'Geen toegang tot deze use case'),
  NOT_IN_TEAM: defineError('TWL_WORKBENCH_NOT_IN_TEAM', 403, 'Deze taak hoort bij een rol in het usecaseteam'),
  STATUS_TRANSITION: defineError('TWL_WORKBENCH_STATUS_TRANSITION', 409, 'Deze fasewissel is niet toegestaan'),
  TEAM_MEMBER_UNKNOWN: defineError('TWL_WORKBENCH_TEAM_MEMBER_UNKNOWN', 400, 'Onbekend teamlid'),
  INVALID_CANVAS: defineError('TWL_WORKBENCH_INVALID_CANVAS', 400, 'Ongeldige canvasinhoud'),
  CANVAS_CONFLICT: defineError('TWL_WORKBENCH_CANVAS_CONFLICT', 409, 'Canvasdeel is intussen gewijzigd'),
  STAKEHOLDER_NOT_FOUND: defineError('TWL_WORKBENCH_STAKEHOLDER_NOT_FOUND', 404, 'Belanghebbende niet gevonden'),
  STORY_NOT_FOUND: defineError('TWL_WORKBENCH_STORY_NOT_FOUND', 404, 'User story niet gevonden'),
  NODE_NOT_FOUND: defineError('TWL_WORKBENCH_NODE_NOT_FOUND', 404, 'Knoop van de verhaalboom niet gevonden'),
  INVALID_TREE: defineError('TWL_WORKBENCH_INVALID_TREE', 400, 'Ongeldige plaats in de verhaalboom'),
  INVALID_LINK: defineError('TWL_WORKBENCH_INVALID_LINK', 400, 'Ongeldige koppeling'),
  ROUND_NOT_FOUND: defineError('TWL_WORKBENCH_ROUND_NOT_FOUND', 404, 'Stemronde niet gevonden'),
  ROUND_CLOSED: defineError('TWL_WORKBENCH_ROUND_CLOSED', 409, 'Stemronde is gesloten'),
  ALREADY_VOTED: defineError('TWL_WORKBENCH_ALREADY_VOTED', 409, 'Al gestemd'),
  INVALID_BALLOT: defineError('TWL_WORKBENCH_INVALID_BALLOT', 400, 'Ongeldige stem'),
  DECISION_NOT_FOUND: defineError('TWL_WORKBENCH_DECISION_NOT_FOUND', 404, 'Besluit niet gevonden'),
  RUN_FORBIDDEN: defineError('TWL_WORKBENCH_RUN_FORBIDDEN', 403, 'Run van een andere organisatie'),
  RUN_NOT_CITABLE: defineError('TWL_WORKBENCH_RUN_NOT_CITABLE', 400, 'Run kan niet worden aangehaald'),
  ACTION_NOT_FOUND: defineError('TWL_WORKBENCH_ACTION_NOT_FOUND', 404, 'Actie niet gevonden'),
  LESSON_NOT_FOUND: defineError('TWL_WORKBENCH_LESSON_NOT_FOUND', 404, 'Les niet gevonden'),
  VALUE_ITEM_NOT_FOUND: defineError('TWL_WORKBENCH_VALUE_ITEM_NOT_FOUND', 404, 'Post in de waardecase niet gevonden'),
  MAP_VIEW_NOT_FOUND: defineError('TWL_WORKBENCH_MAP_VIEW_NOT_FOUND', 404, 'Kaartbeeld niet gevonden'),
} as const;
