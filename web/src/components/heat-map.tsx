import { isoWeekday } from '../api/dates';
import type { HabitHistory } from '../api/types';

const CELL = 12;
const GAP = 2;
const LEFT = 28;
const TOP = 16;
const ROW_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const STATUS_LABELS: Record<string, string> = {
  done: 'done',
  partial: 'partly done',
  skipped: 'skipped',
  missed: 'missed',
  pending: 'due today',
  none: 'not due',
};

/** A calendar heat map of the API's day statuses: one column per week, Monday on top. */
export function HeatMap({ days, describedBy }: { days: HabitHistory['days']; describedBy?: string }) {
  if (days.length === 0) return null;
  const offset = isoWeekday(days[0].date) - 1;
  const weeks = Math.ceil((days.length + offset) / 7);
  const width = LEFT + weeks * (CELL + GAP) + 16;
  const height = TOP + 7 * (CELL + GAP);
  return (
    <svg className="heat-map" role="img" aria-label="Calendar" aria-describedby={describedBy} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      {ROW_LABELS.map((label, row) => (
        <text key={row} x={0} y={TOP + row * (CELL + GAP) + CELL - 2} className="axis">
          {label}
        </text>
      ))}
      {days.map((day, index) => {
        const slot = index + offset;
        const x = LEFT + Math.floor(slot / 7) * (CELL + GAP);
        const y = TOP + (slot % 7) * (CELL + GAP);
        const firstOfMonth = day.date.endsWith('-01');
        return (
          <g key={day.date}>
            {firstOfMonth && (
              <text x={x} y={10} className="axis">
                {MONTHS[Number(day.date.slice(5, 7)) - 1]}
              </text>
            )}
            <rect x={x} y={y} width={CELL} height={CELL} rx={2} className={`st-${day.status}`}>
              <title>
                {day.date}: {STATUS_LABELS[day.status] ?? day.status}
                {day.value !== null && day.value !== undefined ? ` (${day.value})` : ''}
              </title>
            </rect>
          </g>
        );
      })}
    </svg>
  );
}

export function HeatMapLegend() {
  return (
    <ul className="legend" aria-label="Legend">
      {['done', 'partial', 'skipped', 'missed', 'pending', 'none'].map((status) => (
        <li key={status}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" rx="2" className={`st-${status}`} />
          </svg>
          {STATUS_LABELS[status]}
        </li>
      ))}
    </ul>
  );
}
