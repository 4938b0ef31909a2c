import { useTranslation } from 'react-i18next';
import { staffBase } from '../staff-api';
import { filterQuery, queryString, useStaff } from '../staff-data';

/** CSV and GeoJSON export of the reports matching the current filters (plain GETs with the session cookie). */
export function ExportLinks({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const { slug } = useStaff();
  const qs = queryString(filterQuery(search));
  return (
    <>
      <a className="button" href={`${staffBase(slug)}/export/reports.csv${qs}`} download>
        {t('staff.export.csv')}
      </a>
      <a className="button" href={`${staffBase(slug)}/export/reports.geojson${qs}`} download>
        {t('staff.export.geojson')}
      </a>
    </>
  );
}
