/**
 * A tiny bar chart of a daily series, as inline SVG: the cards' sparklines and
 * the Overview's small multiples. The geometry comes from src/lib; this only
 * draws it. Given a label it is an image with that text; without one it is
 * decoration (its text is said elsewhere).
 */
import { sparkGeometry } from '../../lib/dashboard/sparkline.ts';

interface Props {
  values: readonly number[];
  marked?: readonly boolean[] | undefined;
  reference?: number | null | undefined;
  width: number;
  height: number;
  label?: string | undefined;
  className?: string | undefined;
}

export function Sparkbars({ values, marked, reference = null, width, height, label, className }: Props) {
  const { bars, referenceY } = sparkGeometry(values, reference, width, height);
  return (
    <svg
      className={`sparkbars ${className ?? ''}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      preserveAspectRatio="none"
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {bars.map((b, i) => (
        <rect
          key={i}
          x={b.x}
          y={b.y}
          width={b.width}
          height={b.height}
          className={marked?.[i] ? 'sparkbars__bar sparkbars__bar--marked' : 'sparkbars__bar'}
        />
      ))}
      {referenceY !== null && (
        <line className="sparkbars__reference" x1={0} x2={width} y1={referenceY} y2={referenceY} />
      )}
    </svg>
  );
}
