import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize, formatNumber } from '../format';
import { useLocale } from '../i18n';
import { FieldError } from './fields';
import { ACCEPTED_TYPES, checkPhoto, MAX_PHOTOS, type PhotoProblem } from './photo-check';
import type { Errors } from './validation';

export interface PhotoItem {
  id: string;
  file: File;
  url: string;
}

interface Props {
  photos: PhotoItem[];
  errors: Errors;
  onChange: (photos: PhotoItem[], touched?: string[]) => void;
  restored: boolean;
}

let counter = 0;

export function StepPhotos({ photos, errors, onChange, restored }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [rejections, setRejections] = useState<{ name: string; problem: PhotoProblem | 'count' }[]>([]);
  const [busy, setBusy] = useState(false);

  const add = async (files: FileList | null) => {
    if (!files || !files.length) return;
    setBusy(true);
    const rejected: { name: string; problem: PhotoProblem | 'count' }[] = [];
    const next = [...photos];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) {
        rejected.push({ name: file.name, problem: 'count' });
        continue;
      }
      const result = await checkPhoto(file);
      if (!result.ok) rejected.push({ name: file.name, problem: result.problem });
      else next.push({ id: `p${++counter}`, file, url: URL.createObjectURL(file) });
    }
    setBusy(false);
    setRejections(rejected);
    onChange(next, ['photos']);
    if (input.current) input.current.value = '';
  };

  const remove = (index: number) => {
    const p = photos[index];
    URL.revokeObjectURL(p.url);
    const next = photos.filter((_, i) => i !== index);
    onChange(next, ['photos', `photos[${index}]`]);
    // Keep focus in the list: the next remove button, or the picker when none is left.
    window.setTimeout(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>('.photo-remove');
      (buttons[Math.min(index, buttons.length - 1)] ?? input.current)?.focus();
    }, 0);
  };

  const full = photos.length >= MAX_PHOTOS;
  return (
    <>
      <p className="hint" id="f-photos-hint">
        {t('photos.hint', { max: MAX_PHOTOS, size: formatFileSize(10 * 1024 * 1024, locale) })}
      </p>
      {restored && <p className="notice notice-info">{t('photos.restored')}</p>}
      <FieldError id="f-photos" message={errors.photos} />
      <div className="field">
        <input
          ref={input}
          id="f-photos"
          className="file-input"
          type="file"
          accept={ACCEPTED_TYPES}
          multiple
          disabled={full || busy}
          aria-describedby="f-photos-hint f-photos-count"
          onChange={(e) => void add(e.target.files)}
        />
        <label htmlFor="f-photos" className={full ? 'button file-button disabled' : 'button file-button'}>
          {t('photos.choose')}
        </label>
        <p id="f-photos-count" className="hint">
          {t('photos.count', { count: photos.length, n: formatNumber(photos.length, locale), max: MAX_PHOTOS })}
        </p>
      </div>
      <div aria-live="polite" className="photo-rejections">
        {rejections.length > 0 && (
          <ul className="notice notice-error">
            {rejections.map((r, i) => (
              <li key={`${r.name}-${i}`}>
                {t(`photos.problem.${r.problem}`, { name: r.name, max: MAX_PHOTOS, size: formatFileSize(10 * 1024 * 1024, locale) })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {photos.length > 0 && (
        <ul className="photo-previews" aria-label={t('photos.selected')}>
          {photos.map((p, i) => (
            <li key={p.id}>
              <img src={p.url} alt={t('photos.previewAlt', { n: i + 1, name: p.file.name })} />
              <span className="photo-meta">
                {p.file.name} · {formatFileSize(p.file.size, locale)}
              </span>
              <FieldError id={`f-photos-${i}`} message={errors[`photos[${i}]`]} />
              <button type="button" className="button button-small photo-remove" onClick={() => remove(i)}>
                {t('photos.remove', { n: i + 1 })}
                <span className="visually-hidden">: {p.file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
