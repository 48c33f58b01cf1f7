import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, weekdayNames } from '../i18n';
import { Failure, Loading } from './states';
import { useCreateReminder, useDeleteReminder, useReminders, useUpdateReminder, type Reminder } from '../hooks/use-reminders';

/** ISO weekdays, Monday first. */
const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
/** The API's limit per habit. */
const MAX_REMINDERS = 5;

/** A habit's reminders: add one (time, days), change its time and days, turn it on or off, delete it. */
export function HabitReminders({ habitId }: { habitId: number }) {
  const { t } = useTranslation();
  const reminders = useReminders(habitId);
  const create = useCreateReminder(habitId);
  const [time, setTime] = useState('09:00');
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ time });
  };
  const full = (reminders.data?.length ?? 0) >= MAX_REMINDERS;
  return (
    <section aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('reminders.title')}</h2>
      <p className="hint">{t('reminders.hint')}</p>
      {reminders.error ? (
        <Failure error={reminders.error} retry={() => void reminders.refetch()} />
      ) : !reminders.data ? (
        <Loading what={t('reminders.loading')} />
      ) : (
        <ul className="reminders">
          {reminders.data.map((reminder) => (
            <ReminderRow key={reminder.id} habitId={habitId} reminder={reminder} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor="reminder-time">{t('reminders.newAt')}</label>
        <input id="reminder-time" type="time" required value={time} onChange={(event) => setTime(event.target.value)} />
        <button type="submit" disabled={create.isPending || full}>
          {t('reminders.add')}
        </button>
      </form>
      {full && <p className="meta">{t('reminders.max', { count: MAX_REMINDERS })}</p>}
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
    </section>
  );
}

function ReminderRow({ habitId, reminder }: { habitId: number; reminder: Reminder }) {
  const { t } = useTranslation();
  const update = useUpdateReminder(habitId);
  const remove = useDeleteReminder(habitId);
  const change = (patch: Parameters<typeof update.mutate>[0]['change']) => update.mutate({ id: reminder.id, change: patch });
  const toggleDay = (day: number) => {
    const days = reminder.days.includes(day) ? reminder.days.filter((d) => d !== day) : [...reminder.days, day].sort((a, b) => a - b);
    if (days.length > 0) change({ days });
  };
  const label = t('reminders.label', { time: reminder.time });
  const names = weekdayNames('short');
  return (
    <li>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        <label className="inline">
          {t('reminders.time')}
          <input type="time" required defaultValue={reminder.time} onBlur={(event) => event.target.value && event.target.value !== reminder.time && change({ time: event.target.value })} />
        </label>
        <span className="weekdays" role="group" aria-label={t('reminders.days', { time: reminder.time })}>
          {ISO_WEEKDAYS.map((day) => (
            <button key={day} type="button" className="secondary day" aria-pressed={reminder.days.includes(day)} onClick={() => toggleDay(day)}>
              {names[day - 1]}
            </button>
          ))}
        </span>
        <label className="check">
          <input type="checkbox" checked={reminder.enabled} onChange={(event) => change({ enabled: event.target.checked })} /> {t('reminders.on')}
        </label>
        <label className="check">
          <input type="checkbox" checked={reminder.onlyIfNotDone} onChange={(event) => change({ onlyIfNotDone: event.target.checked })} /> {t('reminders.onlyIfNotDone')}
        </label>
        <p className="meta">{describeNext(reminder, t)}</p>
        <button type="button" className="secondary" onClick={() => remove.mutate(reminder.id)} aria-label={t('reminders.deleteLabel', { time: reminder.time })}>
          {t('reminders.delete')}
        </button>
      </fieldset>
      {(update.error ?? remove.error) && (
        <p className="error" role="alert">
          {(update.error ?? remove.error)?.message}
        </p>
      )}
    </li>
  );
}

function describeNext(reminder: Reminder, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (!reminder.enabled) return t('reminders.off');
  if (!reminder.nextAt) return t('reminders.never');
  return t('reminders.next', { when: formatInstant(reminder.nextAt) });
}
