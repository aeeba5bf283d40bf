import { formatVariance } from './variance';
import { varianceBars, type VariancePoint } from './variance-bars';

const WIDTH = 560;
const HEIGHT = 90;

/**
 * Variance per day as bars around a zero line (over up, short down, clean days a small tick),
 * plain SVG. Each bar names its day and amount for screen readers and on hover, and clicking
 * a bar opens that day.
 */
export function VarianceChart({
  points,
  currency,
  selected,
  onSelect,
}: {
  points: VariancePoint[];
  currency: string;
  selected?: string | undefined;
  onSelect: (date: string) => void;
}) {
  if (points.length === 0) return null;
  const { bars, zeroY } = varianceBars(points, WIDTH, HEIGHT);
  return (
    <figure className="recon-chart" data-testid="variance-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Variance per day, ${currency}`}
        preserveAspectRatio="none"
      >
        <line x1={0} x2={WIDTH} y1={zeroY} y2={zeroY} className="recon-chart-zero" />
        {bars.map((bar) => (
          <rect
            key={bar.date}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
            className={`recon-bar recon-${bar.tone}${bar.date === selected ? ' selected' : ''}`}
            onClick={() => onSelect(bar.date)}
          >
            <title>{`${bar.date}: ${formatVariance(bar.variance, currency)}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="hint">
        Variance per day ({currency}): above the line over, below short; click a bar to open the
        day.
      </figcaption>
    </figure>
  );
}
