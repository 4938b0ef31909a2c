import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSummary } from '../api/types';
import { formatCoordinate, formatDate, pick } from '../format';
import { useLocale } from '../i18n';
import { Link, paths } from '../router';
import { Photo } from './photo';
import { StatusBadge } from './status-badge';

export function excerpt(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** One report in a list: category, status in words, date, place and a short excerpt. */
export function ReportCard({
  report,
  slug,
  timeZone,
  headingLevel = 2,
  extra,
  children,
}: {
  report: ReportSummary;
  slug: string;
  timeZone?: string;
  headingLevel?: 2 | 3;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place = report.address || `${formatCoordinate(report.lat, locale)}, ${formatCoordinate(report.lon, locale)}`;
  return (
    <article className={`report-card report-card-${report.statusGroup}`}>
      {report.thumbnailUrl ? (
        <Photo className="report-card-thumb" src={report.thumbnailUrl} alt="" loading="lazy" width={64} height={64} fallback="none" />
      ) : null}
      <div className="report-card-body">
        <Heading className="report-card-title">
          <Link to={paths.report(slug, report.id)}>{pick(report.category.name, locale)}</Link>
        </Heading>
        <p className="report-card-meta">
          <StatusBadge status={report.status} group={report.statusGroup} />{' '}
          <span>
            {t('report.createdOn')} <time dateTime={report.createdAt}>{formatDate(report.createdAt, locale, timeZone)}</time>
          </span>
          {extra}
        </p>
        <p className="report-card-place">{place}</p>
        {report.description && <p className="report-card-text">{excerpt(report.description)}</p>}
        {children}
      </div>
    </article>
  );
}
