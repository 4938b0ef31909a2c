import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const { t } = useTranslation();
  const title = [...parts.filter(Boolean), t('app.title')].join(' – ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
