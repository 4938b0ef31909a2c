import { useTranslation } from 'react-i18next';

const LANGUAGES = [
  { code: 'de', label: 'Deutsch' },
  { code: 'en', label: 'English' },
] as const;

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <nav className="language-switch" aria-label={t('app.language')}>
      <ul>
        {LANGUAGES.map((l) => (
          <li key={l.code}>
            <button
              type="button"
              lang={l.code}
              aria-pressed={i18n.language === l.code}
              onClick={() => void i18n.changeLanguage(l.code)}
            >
              {l.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
