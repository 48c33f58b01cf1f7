import { Locale } from '../common/i18n/locale';

/** The test notification's texts, in the user's locale (API.md: texts in the user's `locale`). */
export const TEST_TEXTS: Record<Locale, { title: string; body: string; actionTitle: string }> = {
  en: { title: 'Test notification', body: 'Your reminders will reach you here.', actionTitle: 'Done' },
  es: { title: 'Notificación de prueba', body: 'Tus recordatorios te llegarán aquí.', actionTitle: 'Hecho' },
};
