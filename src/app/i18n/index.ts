import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { da } from './da.ts';
import { en } from './en.ts';

export const languages = ['en', 'da'] as const;
export type Language = (typeof languages)[number];

export function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

/** The language a link asks for, else the browser's preference, else English (the delegations' default). */
export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  return navigator.language.toLowerCase().startsWith('da') ? 'da' : 'en';
}

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, da: { translation: da } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  // React escapes output itself; escaping here too would show &amp; in names.
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Kept in its own module so that formatting can be used (and tested) without starting i18next.
export { locale } from './locale.ts';
export { i18next };
