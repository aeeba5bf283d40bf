import {
  axisLabel,
  formatRatio,
  gridTicks,
  inForce,
  monthLabel,
  scaleTop,
  standing,
} from './chargeback-ratio';
import type { ChargebackRatio } from './disputes-api';

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { left: 52, right: 12, top: 14, bottom: 36 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * The chargeback ratio per month as bars, with the thresholds drawn as lines across the months
 * they apply to (the Visa VAMP line starts in April 2026). Plain SVG: one small chart does not
 * justify a charting library. The figures are also in the table under it, for screen readers
 * and for anyone who wants the numbers.
 */
export function RatioChart({ ratio: { months, thresholds } }: { ratio: ChargebackRatio }) {
  const top = scaleTop(months, thresholds);
  const slot = PLOT_W / Math.max(1, months.length);
  const y = (ratio: number) => PAD.top + PLOT_H - (Math.min(ratio, top) / top) * PLOT_H;
  const ticks = gridTicks(top);
  const current = months[months.length - 1];
  const currentRatio = current ? current.ratio : null;
  return (
    <figure className="ratio-chart" data-testid="ratio-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Chargeback ratio per month; this month ${formatRatio(currentRatio)}`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={PAD.left + PLOT_W} y1={y(t)} y2={y(t)} className="ratio-grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="ratio-axis">
              {`${(t * 100).toFixed(2)}%`}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const { ratio } = m;
          const label = axisLabel(m.month, i);
          const x = PAD.left + i * slot;
          const h = ratio === null ? 0 : PLOT_H + PAD.top - y(ratio);
          return (
            <g key={m.month}>
              <rect
                x={x + slot * 0.2}
                y={PAD.top + PLOT_H - h}
                width={slot * 0.6}
                height={h}
                className={`ratio-bar ratio-${standing(m, thresholds)}`}
              >
                <title>{`${monthLabel(m.month)}: ${m.disputes} disputes / ${m.transactions} settled = ${formatRatio(ratio)}`}</title>
              </rect>
              <text x={x + slot / 2} y={HEIGHT - 20} textAnchor="middle" className="ratio-axis">
                {label.name}
                {label.year && (
                  <tspan x={x + slot / 2} dy={13}>
                    {label.year}
                  </tspan>
                )}
              </text>
            </g>
          );
        })}
        {thresholds.map((t) => {
          const first = months.findIndex((m) => inForce(t, m.month));
          if (first < 0) return null;
          const x1 = PAD.left + first * slot;
          const x2 = PAD.left + PLOT_W;
          return (
            <g key={t.id} data-testid={`threshold-${t.id}`}>
              <line
                x1={x1}
                x2={x2}
                y1={y(t.ratio)}
                y2={y(t.ratio)}
                className={`ratio-threshold ratio-threshold-${t.kind}`}
              />
              <text
                x={x2 - 4}
                y={y(t.ratio) - 4}
                textAnchor="end"
                className="ratio-threshold-label"
              >
                {t.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Disputes opened in a month divided by the card payments settled that month, against the
        lines: {thresholds.map((t) => t.label).join('; ')}.
      </figcaption>
    </figure>
  );
}

/** The chart's figures as a table: month, disputes, settled transactions, ratio. */
export function RatioTable({ ratio: { months, thresholds } }: { ratio: ChargebackRatio }) {
  return (
    <table className="table ratio-table" data-testid="ratio-table">
      <caption className="sr-only">Chargeback ratio per month</caption>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="num">
            Disputes
          </th>
          <th scope="col" className="num">
            Settled card transactions
          </th>
          <th scope="col" className="num">
            Ratio
          </th>
        </tr>
      </thead>
      <tbody>
        {[...months].reverse().map((m) => {
          const judged = standing(m, thresholds);
          return (
            <tr key={m.month}>
              <td>{monthLabel(m.month)}</td>
              <td className="num">{m.disputes}</td>
              <td className="num">{m.transactions}</td>
              <td
                className={`num ${judged === 'over-limit' ? 'error-text' : judged === 'early-warning' ? 'warning-text' : ''}`}
              >
                {formatRatio(m.ratio)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
