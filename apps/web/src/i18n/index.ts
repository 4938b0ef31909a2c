import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setLocaleSource } from '../api/client';
import type { Locale } from '../api/types';
import de from './de.json';
import en from './en.json';

const STORAGE_KEY = 'mitreden.lang';

function storedLanguage(): Locale {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'en' || fromUrl === 'de') return fromUrl;
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'de';
  } catch {
    return 'de';
  }
}

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'de',
  supportedLngs: ['de', 'en'],
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'de';
}

setLocaleSource(currentLocale);

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng === 'en' ? 'en' : 'de';
}
applyLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice then lasts for this page only.
  }
});

export default i18n;

/** The active locale; components using it re-render on a language switch. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'de';
}
