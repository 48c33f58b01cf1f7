import { useState } from 'react';
import { addDays } from '../api/dates';
import { percent } from '../components/describe';
import { LineChart } from '../components/line-chart';
import { Empty, Failure, Loading } from '../components/states';
import { useCompliance, usePerformance } from '../hooks/use-analytics';
import { useToday } from '../hooks/use-profile';
import { Link } from '../router';

const RANGES = [30, 90, 365];

/** Performance per day as a chart, compliance per habit as a table, over 30, 90 or 365 days. */
export function AnalyticsScreen() {
  const [days, setDays] = useState(30);
  const today = useToday();
  const from = today && addDays(today, 1 - days);
  const performance = usePerformance(from, today);
  const compliance = useCompliance(from, today);
  const failed = performance.error ?? compliance.error;
  return (
    <>
      <h1>Analytics</h1>
      <div className="segmented" role="group" aria-label="Range">
        {RANGES.map((range) => (
          <button key={range} type="button" className="secondary" aria-pressed={days === range} onClick={() => setDays(range)}>
            {range} days
          </button>
        ))}
      </div>
      {failed ? (
        <Failure error={failed} retry={() => void Promise.all([performance.refetch(), compliance.refetch()])} />
      ) : !performance.data || !compliance.data ? (
        <Loading what="your analytics" />
      ) : compliance.data.habits.length === 0 ? (
        <Empty>
          <p>No habits to analyse yet.</p>
          <p>
            <Link href="/habits">Create a habit</Link> and check it in on Today: its numbers show up here.
          </p>
        </Empty>
      ) : (
        <>
          <section aria-labelledby="performance-title">
            <h2 id="performance-title">Done per day</h2>
            <p id="performance-summary">
              {performance.data.totals.done} of {performance.data.totals.due} due check-ins done ({percent(performance.data.totals.rate)}), {performance.data.totals.skipped} skipped, from{' '}
              {performance.data.from} to {performance.data.to}.
            </p>
            <LineChart label="Performance" points={performance.data.days.map((day) => ({ date: day.date, value: day.rate }))} describedBy="performance-summary" />
          </section>
          <section aria-labelledby="compliance-title">
            <h2 id="compliance-title">Per habit</h2>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Habit</th>
                    <th scope="col">Rate</th>
                    <th scope="col">Done</th>
                    <th scope="col">Skipped</th>
                    <th scope="col">Current streak</th>
                    <th scope="col">Best streak</th>
                    <th scope="col">Score</th>
                  </tr>
                </thead>
                <tbody>
                  {compliance.data.habits.map((habit) => (
                    <tr key={habit.habitId}>
                      <th scope="row">
                        <Link href={`/habits/${habit.habitId}`}>{habit.name}</Link>
                      </th>
                      <td>{percent(habit.rate)}</td>
                      <td>
                        {habit.done} / {habit.due}
                      </td>
                      <td>{habit.skipped}</td>
                      <td>{habit.currentStreak}</td>
                      <td>{habit.bestStreak}</td>
                      <td>{percent(habit.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
