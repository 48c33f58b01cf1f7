import { useTranslation } from 'react-i18next';
import { isoWeekday } from '../api/dates';
import type { HabitHistory } from '../api/types';
import { formatDate, formatNumber, monthNames, weekdayNames } from '../i18n';

const CELL = 12;
const GAP = 2;
const LEFT = 28;
const TOP = 16;
const STATUSES = ['done', 'partial', 'skipped', 'missed', 'pending', 'none'];

/** A calendar heat map of the API's day statuses: one column per week, Monday on top. */
export function HeatMap({ days, describedBy }: { days: HabitHistory['days']; describedBy?: string }) {
  const { t } = useTranslation();
  if (days.length === 0) return null;
  const offset = isoWeekday(days[0].date) - 1;
  const weeks = Math.ceil((days.length + offset) / 7);
  const width = LEFT + weeks * (CELL + GAP) + 16;
  const height = TOP + 7 * (CELL + GAP);
  const rows = weekdayNames('short').map((name, row) => (row % 2 === 0 ? name : ''));
  const months = monthNames();
  return (
    <svg className="heat-map" role="img" aria-label={t('habit.calendar')} aria-describedby={describedBy} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      {rows.map((label, row) => (
        <text key={row} x={0} y={TOP + row * (CELL + GAP) + CELL - 2} className="axis">
          {label}
        </text>
      ))}
      {days.map((day, index) => {
        const slot = index + offset;
        const x = LEFT + Math.floor(slot / 7) * (CELL + GAP);
        const y = TOP + (slot % 7) * (CELL + GAP);
        return (
          <g key={day.date}>
            {day.date.endsWith('-01') && (
              <text x={x} y={10} className="axis">
                {months[Number(day.date.slice(5, 7)) - 1]}
              </text>
            )}
            <rect x={x} y={y} width={CELL} height={CELL} rx={2} className={`st-${day.status}`}>
              <title>{describeDay(day, t)}</title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}

type Day = HabitHistory['days'][number];

function describeDay(day: Day, t: (key: string) => string): string {
  const value = day.value !== null && day.value !== undefined ? ` (${formatNumber(day.value)})` : '';
  return `${formatDate(day.date)}: ${t(`status.${day.status}`)}${value}`;
}

export function HeatMapLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('habit.legend')}>
      {STATUSES.map((status) => (
        <li key={status}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" rx="2" className={`st-${status}`} />
          </svg>
          {t(`status.${status}`)}
        </li>
      ))}
    </ul>
  );
}

/** The heat map as text: every day that was due, newest first (a screen reader's and a colour-blind reader's calendar). */
export function DaysTable({ days }: { days: HabitHistory['days'] }) {
  const { t } = useTranslation();
  const due = days.filter((day) => day.status !== 'none').reverse();
  return (
    <details className="days-table">
      <summary>{t('habit.daysTable')}</summary>
      <div className="scroll" tabIndex={0} role="group" aria-label={t('habit.daysTable')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('habit.date')}</th>
              <th scope="col">{t('habit.status')}</th>
            </tr>
          </thead>
          <tbody>
            {due.map((day) => (
              <tr key={day.date}>
                <td>{formatDate(day.date)}</td>
                <td>
                  {t(`status.${day.status}`)}
                  {day.value !== null && day.value !== undefined ? ` (${formatNumber(day.value)})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
