/** The languages texts written for a person come in (API.md § Auth and sessions: `locale`). */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best of our locales for an `Accept-Language` header (RFC 9110 §12.5.4): the supported
 * language with the highest q-value (a range's primary subtag is enough: `es-MX` is `es`),
 * `*` standing for the default; `en` when nothing matches.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (header ?? '').split(',').slice(0, 50)) {
    const [range, ...parameters] = part.trim().toLowerCase().split(';');
    const q = qualityOf(parameters);
    const locale = range === '*' ? DEFAULT_LOCALE : range.split('-')[0];
    if (q > 0 && isLocale(locale) && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

function qualityOf(parameters: string[]): number {
  const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
  if (!q) return 1;
  const value = Number(q.slice(2));
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : 0;
}
