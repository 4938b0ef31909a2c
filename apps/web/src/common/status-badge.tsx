import { useTranslation } from 'react-i18next';
import type { ReportStatus, StatusGroup } from '../api/types';

/** Status as text plus a shape glyph, never colour alone. */
export function StatusBadge({ status, group }: { status: ReportStatus; group: StatusGroup }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-${group}`}>
      <span className="status-glyph" aria-hidden="true">
        {group === 'open' ? '!' : '✓'}
      </span>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
