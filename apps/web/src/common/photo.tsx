import { type ImgHTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An uploaded photo. Thumbnails are made by the worker after the report is stored, so a
 * fresh report's image may not exist yet: show a short note instead of a broken image.
 */
export function Photo({ fallback = 'note', ...props }: ImgHTMLAttributes<HTMLImageElement> & { fallback?: 'note' | 'none' }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (failed) {
    return fallback === 'none' ? null : <span className="photo-pending">{t('report.photoPending')}</span>;
  }
  return <img {...props} onError={() => setFailed(true)} />;
}
