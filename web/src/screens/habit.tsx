import { addDays } from '../api/dates';
import { describeSchedule, describeTarget, percent } from '../components/describe';
import { HeatMap, HeatMapLegend } from '../components/heat-map';
import { HabitReminders } from '../components/habit-reminders';
import { LineChart } from '../components/line-chart';
import { Failure, Loading } from '../components/states';
import { useHabitHistory } from '../hooks/use-analytics';
import { useHabit } from '../hooks/use-habits';
import { useToday } from '../hooks/use-profile';
import { Link } from '../router';

/** One habit over the last 365 days: heat map, score line, streaks — one call to /api/analytics/habits/:id. */
export function HabitScreen({ id }: { id: number }) {
  const today = useToday();
  const habit = useHabit(id);
  const history = useHabitHistory(id, today && addDays(today, -364), today);
  if (habit.error && 'status' in habit.error && habit.error.status === 404) {
    return (
      <Failure error={new Error('This habit does not exist (it may have been deleted).')} />
    );
  }
  const failed = habit.error ?? history.error;
  if (failed) return <Failure error={failed} retry={() => void Promise.all([habit.refetch(), history.refetch()])} />;
  if (!habit.data || !history.data) return <Loading what="this habit" />;
  const h = history.data;
  const streaks = [...h.streaks].reverse();
  return (
    <>
      <p>
        <Link href="/habits">← All habits</Link>
      </p>
      <h1>{habit.data.name}</h1>
      <p className="meta">
        {describeSchedule(habit.data.schedule)}
        {describeTarget(habit.data) && ` · ${describeTarget(habit.data)}`}
        {habit.data.archived && ' · archived'}
      </p>
      <dl className="stats">
        <div>
          <dt>Score</dt>
          <dd>{percent(h.score)}</dd>
        </div>
        <div>
          <dt>Current streak</dt>
          <dd>{h.currentStreak}</dd>
        </div>
        <div>
          <dt>Best streak</dt>
          <dd>{h.bestStreak}</dd>
        </div>
        <div>
          <dt>Done</dt>
          <dd>
            {h.done} of {h.due} ({percent(h.rate)})
          </dd>
        </div>
      </dl>
      <HabitReminders habitId={id} />
      <section aria-labelledby="calendar-title">
        <h2 id="calendar-title">Last 365 days</h2>
        <p id="calendar-summary" className="visually-hidden">
          {h.done} done, {h.skipped} skipped out of {h.due} due from {h.from} to {h.to}.
        </p>
        <div className="scroll">
          <HeatMap days={h.days} describedBy="calendar-summary" />
        </div>
        <HeatMapLegend />
      </section>
      <section aria-labelledby="score-title">
        <h2 id="score-title">Habit strength</h2>
        <p id="score-summary" className="visually-hidden">
          Score {percent(h.score)} on {h.to}.
        </p>
        <LineChart label="Score" points={h.days.map((day) => ({ date: day.date, value: day.score }))} describedBy="score-summary" />
      </section>
      <section aria-labelledby="streaks-title">
        <h2 id="streaks-title">Streaks</h2>
        {streaks.length === 0 ? (
          <p className="meta">No streak yet: mark it done on Today to start one.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Length</th>
              </tr>
            </thead>
            <tbody>
              {streaks.map((streak) => (
                <tr key={streak.start}>
                  <td>{streak.start}</td>
                  <td>{streak.end}</td>
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
