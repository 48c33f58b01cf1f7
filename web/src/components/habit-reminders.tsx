import { useState, type FormEvent } from 'react';
import { Failure, Loading } from './states';
import { useCreateReminder, useDeleteReminder, useReminders, useUpdateReminder, type Reminder } from '../hooks/use-reminders';

/** ISO weekdays, Monday first, with their short names in the browser's language. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
  day,
  name: new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day))),
}));
/** The API's limit per habit. */
const MAX_REMINDERS = 5;

/** A habit's reminders: add one (time, days), change its time and days, turn it on or off, delete it. */
export function HabitReminders({ habitId }: { habitId: number }) {
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
      <h2 id="reminders-title">Reminders</h2>
      <p className="hint">A reminder reaches every device you turned notifications on for (Settings), and stays quiet once the habit is done for the day.</p>
      {reminders.error ? (
        <Failure error={reminders.error} retry={() => void reminders.refetch()} />
      ) : !reminders.data ? (
        <Loading what="reminders" />
      ) : (
        <ul className="reminders">
          {reminders.data.map((reminder) => (
            <ReminderRow key={reminder.id} habitId={habitId} reminder={reminder} />
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={add}>
        <label htmlFor="reminder-time">New reminder at</label>
        <input id="reminder-time" type="time" required value={time} onChange={(event) => setTime(event.target.value)} />
        <button type="submit" disabled={create.isPending || full}>
          Add reminder
        </button>
      </form>
      {full && <p className="meta">A habit has at most {MAX_REMINDERS} reminders.</p>}
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
    </section>
  );
}

function ReminderRow({ habitId, reminder }: { habitId: number; reminder: Reminder }) {
  const update = useUpdateReminder(habitId);
  const remove = useDeleteReminder(habitId);
  const change = (patch: Parameters<typeof update.mutate>[0]['change']) => update.mutate({ id: reminder.id, change: patch });
  const toggleDay = (day: number) => {
    const days = reminder.days.includes(day) ? reminder.days.filter((d) => d !== day) : [...reminder.days, day].sort((a, b) => a - b);
    if (days.length > 0) change({ days });
  };
  const label = `Reminder at ${reminder.time}`;
  return (
    <li>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        <label className="inline">
          Time
          <input type="time" required defaultValue={reminder.time} onBlur={(event) => event.target.value && event.target.value !== reminder.time && change({ time: event.target.value })} />
        </label>
        <span className="weekdays" role="group" aria-label={`${label}: days`}>
          {WEEKDAYS.map(({ day, name }) => (
            <button key={day} type="button" className="secondary day" aria-pressed={reminder.days.includes(day)} onClick={() => toggleDay(day)}>
              {name}
            </button>
          ))}
        </span>
        <label className="check">
          <input type="checkbox" checked={reminder.enabled} onChange={(event) => change({ enabled: event.target.checked })} /> On
        </label>
        <label className="check">
          <input type="checkbox" checked={reminder.onlyIfNotDone} onChange={(event) => change({ onlyIfNotDone: event.target.checked })} /> Only if not done yet
        </label>
        <p className="meta">{describeNext(reminder)}</p>
        <button type="button" className="secondary" onClick={() => remove.mutate(reminder.id)} aria-label={`Delete the reminder at ${reminder.time}`}>
          Delete
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

function describeNext(reminder: Reminder): string {
  if (!reminder.enabled) return 'Off';
  if (!reminder.nextAt) return 'Never fires with this habit’s schedule and these days';
  return `Next: ${new Date(reminder.nextAt).toLocaleString(undefined, { weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`;
}
