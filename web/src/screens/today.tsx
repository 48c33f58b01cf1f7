import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, daysBetween, isoWeekday } from '../api/dates';
import type { Habit, HabitRecord } from '../api/types';
import { describeSchedule, describeTarget } from '../components/describe';
import { Empty, Failure, Loading } from '../components/states';
import { Swatch } from '../components/swatch';
import { SyncStatus, useWaitingCheckIn } from '../components/sync-status';
import { useCompliance, useHabitHistory } from '../hooks/use-analytics';
import { useHabits } from '../hooks/use-habits';
import { useToday } from '../hooks/use-profile';
import { useCheckIn, useRecords } from '../hooks/use-records';
import { Link } from '../router';
import { formatDate } from '../i18n';

/** The habits due today (the API's compliance for today says which), each with one action. */
export function TodayScreen() {
  const today = useToday();
  const habits = useHabits();
  const due = useCompliance(today, today);
  const records = useRecords(today, today);
  const { t } = useTranslation();
  // A failed refetch keeps the last good answer on screen (offline, the stored one).
  const failed = (!habits.data && habits.error) || (!due.data && due.error) || (!records.data && records.error);
  const header = (
    <h1>
      {t('today.title')}{' '}
      <span className="sub">{today && <time dateTime={today}>{formatDate(today, { weekday: 'long', day: 'numeric', month: 'long' })}</time>}</span>
    </h1>
  );
  if (failed) return <>{header}<Failure error={failed} retry={() => void Promise.all([habits.refetch(), due.refetch(), records.refetch()])} /></>;
  if (!today || !habits.data || !due.data || !records.data) return <>{header}<Loading what={t('today.loading')} /></>;
  const dueIds = new Set(due.data.habits.filter((entry) => entry.due + entry.skipped + entry.done > 0).map((entry) => entry.habitId));
  const list = habits.data.filter((habit) => dueIds.has(habit.id));
  return (
    <>
      {header}
      <SyncStatus computedAt={due.dataUpdatedAt} />
      {list.length === 0 ? (
        <Empty>
          <p>{habits.data.length === 0 ? t('today.noHabits') : t('today.nothingDue')}</p>
          <p>
            <Link href="/habits">{t('today.createLink')}</Link>
            {habits.data.length === 0 ? t('today.createRest') : t('today.createRestShort')}
          </p>
        </Empty>
      ) : (
        <ul className="cards">
          {list.map((habit) => (
            <TodayHabit key={habit.id} habit={habit} today={today} record={records.data.find((record) => record.habitId === habit.id)} />
          ))}
        </ul>
      )}
    </>
  );
}

function TodayHabit({ habit, today, record: stored }: { habit: Habit; today: string; record: HabitRecord | undefined }) {
  const checkIn = useCheckIn(today);
  const { t } = useTranslation();
  const waiting = useWaitingCheckIn(habit.id, today);
  const record = waiting ? (waiting.status && { status: waiting.status, value: waiting.value ?? null }) || undefined : stored;
  const [amount, setAmount] = useState(record?.value ?? (habit.kind === 'numeric' ? habit.target : 1));
  const done = record?.status === 'done';
  const skipped = record?.status === 'skipped';
  const numeric = habit.kind === 'numeric';
  const mark = () => checkIn.mutate({ habitId: habit.id, date: today, status: done ? null : 'done', ...(numeric && !done ? { value: amount } : {}) });
  const skip = () => checkIn.mutate({ habitId: habit.id, date: today, status: skipped ? null : 'skipped' });
  return (
    <li className={`card${done ? ' done' : ''}`}>
      <div className="card-head">
        <Swatch color={habit.color} />
        <Link href={`/habits/${habit.id}`} className="name">
          {habit.name}
        </Link>
        <span className="meta">
          {describeSchedule(habit.schedule)}
          {describeTarget(habit) && ` · ${describeTarget(habit)}`}
        </span>
      </div>
      <QuotaLeft habit={habit} today={today} />
      <div className="actions">
        {numeric && (
          <label className="inline">
            <span className="visually-hidden">{t('today.amountOf', { name: habit.name })}</span>
            <input type="number" step="any" min="0" value={amount} onChange={(event) => setAmount(Number(event.target.value))} disabled={done} />
            {habit.unit && <span className="unit">{habit.unit}</span>}
          </label>
        )}
        <button type="button" className="check-in" aria-pressed={done} onClick={mark} aria-label={t('today.mark', { name: habit.name })}>
          {t('today.done')}
        </button>
        <button type="button" className="secondary" aria-pressed={skipped} onClick={skip} aria-label={t('today.skipHabit', { name: habit.name })}>
          {t('today.skip')}
        </button>
      </div>
      {waiting && <p className="meta waiting">{t('offline.waiting')}</p>}
      {checkIn.error && (
        <p className="error" role="alert">
          {t('today.notSaved', { message: checkIn.error.message })}
        </p>
      )}
    </li>
  );
}

/**
 * For quota habits: what is left this week (per_week) or this block (per_period), from the API's
 * figures for the whole period: its `due` is the quota (`min(times, days on or after startDate −
 * skipped)`) and its `done` what counts toward it. The browser computes no rule of its own.
 */
function QuotaLeft({ habit, today }: { habit: Habit; today: string }) {
  const schedule = habit.schedule;
  const quota = schedule.type === 'per_week' || schedule.type === 'per_period';
  const period = quota ? periodOf(habit, today) : null;
  const history = useHabitHistory(habit.id, period?.start ?? null, period?.end ?? null);
  const { t } = useTranslation();
  if (!quota || !history.data) return null;
  const { due, done } = history.data;
  const left = Math.max(0, due - done);
  const week = schedule.type === 'per_week';
  if (left === 0) return <p className="meta">{t(week ? 'today.quotaMetWeek' : 'today.quotaMetPeriod')}</p>;
  return <p className="meta">{t(week ? 'today.leftWeek' : 'today.leftPeriod', { left, due })}</p>;
}

/** The first and last day of the week or block holding today (API.md § Habits defines the blocks). */
function periodOf(habit: Habit, today: string): { start: string; end: string } {
  const schedule = habit.schedule;
  if (schedule.type === 'per_period') {
    const since = Math.max(0, daysBetween(habit.startDate, today));
    const start = addDays(habit.startDate, since - (since % schedule.days));
    return { start, end: addDays(start, schedule.days - 1) };
  }
  const start = addDays(today, 1 - isoWeekday(today));
  return { start, end: addDays(start, 6) };
}
