import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';

/**
 * The app's two languages (API.md's user `locale`: "en" | "es"). Signed out, the browser's
 * language chooses; signed in, the user's `locale` does (app.tsx). Every text is in
 * locales/{en,es}.json; dates, numbers and plurals go through Intl (i18next plurals use Intl.PluralRules).
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: browserLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

/** The current language for Intl. */
export const language = (): string => i18n.language;

/** A calendar date (YYYY-MM-DD, the API's) in the current language, e.g. "4 dic 2026". */
export function formatDate(date: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  return new Intl.DateTimeFormat(language(), { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** An instant (ISO timestamp) in the current language and the browser's zone. */
export function formatInstant(iso: string, dateOnly = false): string {
  const options: Intl.DateTimeFormatOptions = dateOnly ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language(), options).format(new Date(iso));
}

/** A 0..1 rate as a percentage, or a dash for none. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–';
  return new Intl.NumberFormat(language(), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 3 }).format(value);
}

/** Weekday names, Monday first (ISO), in the current language. */
export function weekdayNames(width: 'long' | 'short' | 'narrow' = 'long'): string[] {
  const format = new Intl.DateTimeFormat(language(), { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 is a Monday.
  return Array.from({ length: 7 }, (_, index) => format.format(new Date(Date.UTC(2024, 0, 1 + index))));
}

/** Month names, January first, in the current language. */
export function monthNames(): string[] {
  const format = new Intl.DateTimeFormat(language(), { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, index) => format.format(new Date(Date.UTC(2024, index, 1))));
}
