import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/client';
import { Link, paths } from '../router';

export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 404) return t('error.notFound');
    if (error.status === 429) return error.message || t('error.tooMany');
    return error.message || t('error.generic');
  }
  return t('error.generic');
}

export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error, t)}</p>
      {onRetry && !notFound && (
        <button type="button" className="button" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
      {notFound && <Link to={paths.start()}>{t('nav.allMunicipalities')}</Link>}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
