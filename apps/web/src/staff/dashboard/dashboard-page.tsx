import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../common/document-title';
import { ErrorView, Loading } from '../../common/error-view';
import { useAsync } from '../../common/use-async';
import { formatNumber } from '../../format';
import { useLocale } from '../../i18n';
import { navigate, paths, useLocation } from '../../router';
import { staffApi } from '../staff-api';
import { useStaff } from '../staff-data';
import { ExportLinks } from '../inbox/export-links';
import { InboxFilters } from '../inbox/inbox-filters';

interface Series {
  label: string;
  values: number[];
}

/**
 * A horizontal bar chart in SVG (no chart library) with the same numbers as a table: the SVG is
 * an image with a summary, the table is the accessible alternative and always present.
 */
export function BarChart({ title, rows, series, unit }: { title: string; rows: string[]; series: Series[]; unit?: (n: number) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const fmt = unit ?? ((n: number) => formatNumber(n, locale));
  // useId's characters are not safe inside url(#…): a plain id for the patterns.
  const pid = `p${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  // Label on its own line above the bars: legible at 375 px (the SVG is at most 28rem wide).
  const barH = 16;
  const labelH = 18;
  const rowH = labelH + series.length * barH + 10;
  const width = 360;
  const valueW = 60;
  const height = rows.length * rowH + 4;
  const colours = ['#0b4f8a', '#b3261e', '#55606b'];
  return (
    <figure className="chart">
      <figcaption id={`${id}-t`}>{title}</figcaption>
      {rows.length === 0 ? (
        <p>{t('staff.dashboard.noData')}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} preserveAspectRatio="xMinYMin meet">
            <desc id={`${id}-d`}>{t('staff.dashboard.chartDesc')}</desc>
            {/* Series after the first are hatched, so they differ by more than colour. */}
            <defs>
              {series.slice(1).map((s, i) => (
                <pattern key={s.label} id={`${pid}-${i + 1}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                  <rect width="6" height="6" fill="#ffffff" />
                  <rect width="3" height="6" fill={colours[(i + 1) % colours.length]} />
                </pattern>
              ))}
            </defs>
            {rows.map((row, r) => (
              <g key={row} transform={`translate(0, ${r * rowH + 2})`}>
                <text x={0} y={12} fontSize="13" fill="#1b1f24">
                  {row.length > 48 ? `${row.slice(0, 47)}…` : row}
                </text>
                {series.map((s, i) => {
                  const value = Number.isFinite(s.values[r]) ? s.values[r] : 0;
                  const w = ((width - valueW) * value) / max;
                  return (
                    <g key={s.label}>
                      <rect
                        x={0}
                        y={labelH + i * barH}
                        width={Math.max(0, w)}
                        height={barH - 3}
                        fill={i === 0 ? colours[0] : `url(#${pid}-${i})`}
                        stroke={colours[i % colours.length]}
                      />
                      <text x={w + 4} y={labelH + i * barH + (barH - 3) / 2} dominantBaseline="middle" fontSize="12" fill="#1b1f24">
                        {fmt(s.values[r])}
                      </text>
                    </g>
                  );
                })}
              </g>
            ))}
          </svg>
          {series.length > 1 && (
            <ul className="chart-legend">
              {series.map((s, i) => (
                <li key={s.label}>
                  <span
                    className="chart-swatch"
                    style={{
                      background: i === 0 ? colours[0] : `repeating-linear-gradient(45deg, ${colours[i % colours.length]} 0 3px, #fff 3px 6px)`,
                    }}
                    aria-hidden="true"
                  />{' '}
                  {s.label}
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>{t('staff.dashboard.asTable', { title })}</summary>
            <div className="table-scroll" role="region" tabIndex={0} aria-label={title}>
              <table className="staff-table">
                <caption>{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('staff.dashboard.key')}</th>
                    {series.map((s) => (
                      <th scope="col" key={s.label}>
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, r) => (
                    <tr key={row}>
                      <th scope="row">{row}</th>
                      {series.map((s) => (
                        <td key={s.label}>{fmt(s.values[r])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { slug, tenant, can } = useStaff();
  const { search } = useLocation();
  useDocumentTitle(t('staff.dashboard.title'), tenant.name);
  const range = { from: search.get('createdFrom') ?? undefined, to: search.get('createdTo') ?? undefined };
  const key = `${range.from}|${range.to}`;
  const stats = useAsync(
    async (signal) => {
      const [category, area, month, times, backlog] = await Promise.all([
        staffApi.counts(slug, 'category', range, signal),
        staffApi.counts(slug, 'area', range, signal),
        staffApi.counts(slug, 'month', range, signal),
        staffApi.responseTimes(slug, range, signal),
        staffApi.backlog(slug, signal),
      ]);
      return { category, area, month, times, backlog };
    },
    [slug, key],
  );
  const hours = (n: number) => (Number.isFinite(n) ? t('staff.dashboard.hours', { value: formatNumber(n, locale, { maximumFractionDigits: 1 }) }) : '–');
  const none = t('staff.dashboard.none');
  const s = stats.data;
  return (
    <div className="page page-wide">
      <h1>{t('staff.dashboard.title')}</h1>
      <section aria-labelledby="export-h">
        <h2 id="export-h">{t('staff.dashboard.exportTitle')}</h2>
        <p className="hint">{t('staff.dashboard.exportHint')}</p>
        <InboxFilters path={paths.staff(slug, 'statistik')} />
        <DateRange />
        {can('reports.export') && (
          <div className="button-row">
            <ExportLinks search={search} />
          </div>
        )}
      </section>
      {stats.error ? <ErrorView error={stats.error} onRetry={stats.reload} /> : null}
      {!s && !stats.error && <Loading />}
      {s && (
        <div className="charts">
          <section aria-labelledby="c-cat">
            <h2 id="c-cat">{t('staff.dashboard.byCategory')}</h2>
            <BarChart
              title={t('staff.dashboard.byCategory')}
              rows={s.category.items.map((i) => i.label ?? none)}
              series={[
                { label: t('staff.dashboard.all'), values: s.category.items.map((i) => i.count) },
                { label: t('staff.dashboard.open'), values: s.category.items.map((i) => i.open) },
              ]}
            />
          </section>
          <section aria-labelledby="c-area">
            <h2 id="c-area">{t('staff.dashboard.byArea')}</h2>
            <BarChart
              title={t('staff.dashboard.byArea')}
              rows={s.area.items.map((i) => i.label ?? none)}
              series={[
                { label: t('staff.dashboard.all'), values: s.area.items.map((i) => i.count) },
                { label: t('staff.dashboard.open'), values: s.area.items.map((i) => i.open) },
              ]}
            />
          </section>
          <section aria-labelledby="c-month">
            <h2 id="c-month">{t('staff.dashboard.byMonth')}</h2>
            <BarChart
              title={t('staff.dashboard.byMonth')}
              rows={s.month.items.map((i) => (i.key ? monthLabel(i.key, locale) : none))}
              series={[{ label: t('staff.dashboard.all'), values: s.month.items.map((i) => i.count) }]}
            />
          </section>
          <section aria-labelledby="c-times">
            <h2 id="c-times">{t('staff.dashboard.times')}</h2>
            <BarChart
              title={t('staff.dashboard.times')}
              rows={s.times.departments.map((d) => d.department ?? t('staff.inbox.noDepartment'))}
              unit={hours}
              series={[
                { label: t('staff.dashboard.firstResponse'), values: s.times.departments.map((d) => d.medianFirstResponseHours ?? NaN) },
                { label: t('staff.dashboard.closing'), values: s.times.departments.map((d) => d.medianCloseHours ?? NaN) },
              ]}
            />
          </section>
          <section aria-labelledby="c-backlog">
            <h2 id="c-backlog">{t('staff.dashboard.backlog')}</h2>
            <BarChart
              title={t('staff.dashboard.backlog')}
              rows={s.backlog.buckets.map((b) => t(`staff.dashboard.bucket.${b.bucket.replace('>', 'over').replace('-', '_')}`, { defaultValue: b.bucket }))}
              series={[
                { label: t('staff.dashboard.open'), values: s.backlog.buckets.map((b) => b.count) },
                { label: t('staff.dashboard.overdue'), values: s.backlog.buckets.map((b) => b.overdue) },
              ]}
            />
          </section>
        </div>
      )}
    </div>
  );
}

function monthLabel(key: string, locale: 'de' | 'en'): string {
  const [y, m] = key.split('-').map(Number);
  if (!y || !m) return key;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

function DateRange() {
  const { t } = useTranslation();
  const { search, pathname } = useLocation();
  const id = useId();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    navigate(qs ? `${pathname}?${qs}` : pathname, { replace: true });
  };
  return (
    <div className="filters">
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('staff.dashboard.from')}</label>
        <input id={`${id}-from`} type="date" value={search.get('createdFrom') ?? ''} onChange={(e) => set('createdFrom', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('staff.dashboard.to')}</label>
        <input id={`${id}-to`} type="date" value={search.get('createdTo') ?? ''} onChange={(e) => set('createdTo', e.target.value)} />
      </div>
    </div>
  );
}
