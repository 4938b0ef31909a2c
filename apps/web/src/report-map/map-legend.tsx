import { useTranslation } from 'react-i18next';

/** The legend repeats every colour with a shape, a glyph and text. */
export function MapLegend() {
  const { t } = useTranslation();
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('map.legend.title')}</h2>
      <ul>
        <li>
          <span className="legend-symbol">
            <span className="mk mk-report mk-open" style={{ width: 26, height: 26 }} aria-hidden="true">!</span>
          </span>
          {t('map.legend.open')}
        </li>
        <li>
          <span className="legend-symbol">
            <span className="mk mk-report mk-closed" style={{ width: 20, height: 20 }} aria-hidden="true">✓</span>
          </span>
          {t('map.legend.closed')}
        </li>
        <li>
          <span className="legend-symbol">
            <span className="mk mk-cluster mk-open" style={{ width: 32, height: 32 }} aria-hidden="true">12</span>
          </span>
          {t('map.legend.group')}
        </li>
        <li>
          <span className="legend-symbol">
            <span className="mk mk-cluster mk-closed" style={{ width: 32, height: 32 }} aria-hidden="true">5</span>
          </span>
          {t('map.legend.groupClosed')}
        </li>
        <li>
          <span className="legend-symbol" aria-hidden="true">
            <svg width="36" height="14" viewBox="0 0 36 14"><line x1="2" y1="7" x2="34" y2="7" stroke="#1d3f72" strokeWidth="3" /></svg>
          </span>
          {t('map.legend.boundary')}
        </li>
        <li>
          <span className="legend-symbol" aria-hidden="true">
            <svg width="36" height="14" viewBox="0 0 36 14"><line x1="2" y1="7" x2="34" y2="7" stroke="#4f5d6b" strokeWidth="1.5" strokeDasharray="4 4" /></svg>
          </span>
          {t('map.legend.district')}
        </li>
      </ul>
    </section>
  );
}
