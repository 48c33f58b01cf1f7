import { useTranslation } from 'react-i18next';
import { addDays } from '../api/dates';
import { formatDate } from '../i18n';
import { describeSchedule, describeTarget, percent } from '../components/describe';
import { DaysTable, HeatMap, HeatMapLegend } from '../components/heat-map';
import { HabitReminders } from '../components/habit-reminders';
import { LineChart } from '../components/line-chart';
import { Failure, Loading } from '../components/states';
import { useHabitHistory } from '../hooks/use-analytics';
import { useHabit } from '../hooks/use-habits';
import { useToday } from '../hooks/use-profile';
import { Link } from '../router';

/** A narrow screen shows the calendar's newest weeks first (it scrolls back in time). */
const showNewest = (element: HTMLDivElement | null): void => {
  if (element) element.scrollLeft = element.scrollWidth;
};

/** One habit over the last 365 days: heat map, score line, streaks — one call to /api/analytics/habits/:id. */
export function HabitScreen({ id }: { id: number }) {
  const today = useToday();
  const habit = useHabit(id);
  const history = useHabitHistory(id, today && addDays(today, -364), today);
  const { t } = useTranslation();
  if (habit.error && 'status' in habit.error && habit.error.status === 404) {
    return (
      <Failure error={new Error(t('habit.missing'))} />
    );
  }
  const failed = habit.error ?? history.error;
  if (failed) return <Failure error={failed} retry={() => void Promise.all([habit.refetch(), history.refetch()])} />;
  if (!habit.data || !history.data) return <Loading what={t('habit.loading')} />;
  const h = history.data;
  const streaks = [...h.streaks].reverse();
  return (
    <>
      <p>
        <Link href="/habits">{t('habit.all')}</Link>
      </p>
      <h1>{habit.data.name}</h1>
      <p className="meta">
        {describeSchedule(habit.data.schedule)}
        {describeTarget(habit.data) && ` · ${describeTarget(habit.data)}`}
        {habit.data.archived && ` · ${t('schedule.archived')}`}
      </p>
      <dl className="stats">
        <div>
          <dt>{t('habit.score')}</dt>
          <dd>{percent(h.score)}</dd>
        </div>
        <div>
          <dt>{t('habit.currentStreak')}</dt>
          <dd>{h.currentStreak}</dd>
        </div>
        <div>
          <dt>{t('habit.bestStreak')}</dt>
          <dd>{h.bestStreak}</dd>
        </div>
        <div>
          <dt>{t('habit.done')}</dt>
          <dd>{t('habit.doneOf', { done: h.done, due: h.due, rate: percent(h.rate) })}</dd>
        </div>
      </dl>
      <HabitReminders habitId={id} />
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">{t('habit.last365')}</h2>
        <p id="calendar-summary" className="visually-hidden">
          {t('habit.calendarSummary', { done: h.done, skipped: h.skipped, due: h.due, from: formatDate(h.from), to: formatDate(h.to) })}
        </p>
        {/* Scrolls sideways on a phone: focusable so that a keyboard can scroll it too. */}
        <div className="scroll" tabIndex={0} role="group" aria-labelledby="calendar-title" ref={showNewest}>
          <HeatMap days={h.days} describedBy="calendar-summary" />
        </div>
        <HeatMapLegend />
        <DaysTable days={h.days} />
      </section>
      <section aria-labelledby="score-title">
        <h2 id="score-title">{t('habit.strength')}</h2>
        <p id="score-summary" className="visually-hidden">
          {t('habit.scoreSummary', { score: percent(h.score), date: formatDate(h.to) })}
        </p>
        <LineChart label={t('habit.score')} points={h.days.map((day) => ({ date: day.date, value: day.score }))} describedBy="score-summary" />
      </section>
      <section aria-labelledby="streaks-title">
        <h2 id="streaks-title">{t('habit.streaks')}</h2>
        {streaks.length === 0 ? (
          <p className="meta">{t('habit.noStreak')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('habit.from')}</th>
                <th scope="col">{t('habit.to')}</th>
                <th scope="col">{t('habit.length')}</th>
              </tr>
            </thead>
            <tbody>
              {streaks.map((streak) => (
                <tr key={streak.start}>
                  <td>{formatDate(streak.start)}</td>
                  <td>{formatDate(streak.end)}</td>
                  <td>{streak.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
