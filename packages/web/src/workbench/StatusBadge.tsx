import type { UseCaseStatus } from '@tweeling/core';
import { useI18n } from '../i18n/index.js';
import { statusKey } from './labels.js';

export function StatusBadge({ status }: { status: UseCaseStatus }) {
  const { t } = useI18n();
  return <span className="twl-badge twl-wb-status">{t(statusKey(status))}</span>;
}
