import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n';
import { addDays } from '../api/dates';
import { percent } from '../components/describe';
import { LineChart } from '../components/line-chart';
import { Empty, Failure, Loading } from '../components/states';
import { SyncStatus } from '../components/sync-status';
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
  // A failed refetch keeps the last good answer on screen (offline, the stored one).
  const failed = (!performance.data && performance.error) || (!compliance.data && compliance.error);
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('analytics.title')}</h1>
      <SyncStatus computedAt={performance.dataUpdatedAt} />
      <div className="segmented" role="group" aria-label={t('analytics.range')}>
        {RANGES.map((range) => (
          <button key={range} type="button" className="secondary" aria-pressed={days === range} onClick={() => setDays(range)}>
            {t('analytics.days', { count: range })}
          </button>
        ))}
      </div>
      {failed ? (
        <Failure error={failed} retry={() => void Promise.all([performance.refetch(), compliance.refetch()])} />
      ) : !performance.data || !compliance.data ? (
        <Loading what={t('analytics.loading')} />
      ) : compliance.data.habits.length === 0 ? (
        <Empty>
          <p>{t('analytics.none')}</p>
          <p>
            <Link href="/habits">{t('analytics.createLink')}</Link>
            {t('analytics.createRest')}
          </p>
        </Empty>
      ) : (
        <>
          <section aria-labelledby="performance-title">
            <h2 id="performance-title">{t('analytics.perDay')}</h2>
            <p id="performance-summary">
              {t('analytics.summary', {
                done: performance.data.totals.done,
                due: performance.data.totals.due,
                rate: percent(performance.data.totals.rate),
                skipped: performance.data.totals.skipped,
                from: formatDate(performance.data.from),
                to: formatDate(performance.data.to),
              })}
            </p>
            <LineChart label={t('analytics.performance')} points={performance.data.days.map((day) => ({ date: day.date, value: day.rate }))} describedBy="performance-summary" />
          </section>
          <section aria-labelledby="compliance-title">
            <h2 id="compliance-title">{t('analytics.perHabit')}</h2>
            <div className="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('analytics.habit')}</th>
                    <th scope="col">{t('analytics.rate')}</th>
                    <th scope="col">{t('analytics.done')}</th>
                    <th scope="col">{t('analytics.skipped')}</th>
                    <th scope="col">{t('analytics.currentStreak')}</th>
                    <th scope="col">{t('analytics.bestStreak')}</th>
                    <th scope="col">{t('analytics.score')}</th>
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
