import { Locale } from '../common/i18n/locale';

/** What a reminder's texts say about its habit. */
export interface TextSubject {
  name: string;
  kind: 'boolean' | 'numeric';
  target: number;
  unit: string | null;
  /** Numeric habits: what is recorded for the date so far (0 when nothing). */
  value?: number;
}

export interface ReminderTexts {
  title: string;
  body: string;
  actionTitle: string;
}

const WORDING: Record<Locale, { prompt: string; notDone: string; progress: (value: string, target: string) => string; today: string; done: string }> = {
  en: { prompt: 'Time for it', notDone: 'not done yet today', progress: (value, target) => `${value} of ${target}`, today: 'today', done: 'Done' },
  es: { prompt: 'Es el momento', notDone: 'aún no lo has hecho hoy', progress: (value, target) => `${value} de ${target}`, today: 'hoy', done: 'Hecho' },
};

/**
 * A reminder's notification in the person's language (API.md § Reminders: "Meditate" / "Time for
 * it: not done yet today"); a numeric habit says where it stands against its target ("0 of 8 glasses today").
 */
export function reminderTexts(subject: TextSubject, locale: Locale): ReminderTexts {
  const words = WORDING[locale] ?? WORDING.en;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const detail =
    subject.kind === 'numeric'
      ? `${words.progress(number.format(subject.value ?? 0), number.format(subject.target))}${subject.unit ? ` ${subject.unit}` : ''} ${words.today}`
      : words.notDone;
  return { title: subject.name, body: `${words.prompt}: ${detail}`, actionTitle: words.done };
}
