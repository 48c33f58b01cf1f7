import { formatDate, formatPercent } from '../i18n';

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { left: 40, right: 8, top: 8, bottom: 22 };

export interface Point {
  date: string;
  /** 0..1, or null for no value (a gap in the line). */
  value: number | null;
}

/**
 * A line of 0..1 values over dates as plain SVG (role="img" with the given name). The API's
 * numbers are drawn as they are; nothing is computed from them but coordinates.
 */
export function LineChart({ label, points, describedBy }: { label: string; points: Point[]; describedBy?: string }) {
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points.length <= 1 ? innerWidth / 2 : (index / (points.length - 1)) * innerWidth);
  const y = (value: number) => PAD.top + (1 - value) * innerHeight;
  // Runs of consecutive values become lines; a value alone between gaps becomes a dot.
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  points.forEach((point, index) => {
    if (point.value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    run.push({ x: x(index), y: y(point.value) });
  });
  if (run.length > 0) runs.push(run);
  const ticks = [0, 0.5, 1];
  return (
    <svg className="line-chart" role="img" aria-label={label} aria-describedby={describedBy} viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
          <text x={PAD.left - 6} y={y(tick) + 4} className="axis" textAnchor="end">
            {formatPercent(tick)}
          </text>
        </g>
      ))}
      {points.length > 0 && (
        <>
          <text x={PAD.left} y={HEIGHT - 6} className="axis">
            {formatDate(points[0].date)}
          </text>
          <text x={WIDTH - PAD.right} y={HEIGHT - 6} className="axis" textAnchor="end">
            {formatDate(points[points.length - 1].date)}
          </text>
        </>
      )}
      {runs.map((line, index) =>
        line.length === 1 ? (
          <circle key={index} cx={line[0].x} cy={line[0].y} r={3} className="dot" />
        ) : (
          <path key={index} d={line.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('')} className="line" />
        ),
      )}
    </svg>
  );
}
