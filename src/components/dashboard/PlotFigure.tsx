/**
 * An Observable Plot chart in React: drawn into a div, redrawn when its
 * options change, with a text alternative. `onPick` receives the datum under
 * the pointer when the chart is clicked (Plot's pointer interaction).
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';

interface Props {
  options: Plot.PlotOptions;
  /** What the chart shows, for screen readers. */
  label: string;
  onPick?: ((datum: unknown) => void) | undefined;
  className?: string;
}

export function PlotFigure({ options, label, onPick, className }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [width, setWidth] = useState(640);
  // Redraw at the container's width (rounded, so that small jitters do not redraw).
  useEffect(() => {
    const host = ref.current;
    if (!host || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round((entry?.contentRect.width ?? 640) / 20) * 20;
      if (w > 0) setWidth(w);
    });
    observer.observe(host);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const figure = Plot.plot({ width, ...options, ariaLabel: label, ariaDescription: label }) as (
      SVGSVGElement | HTMLElement
    ) & { value?: unknown };
    const click = () => {
      if (figure.value !== undefined && figure.value !== null) pick.current?.(figure.value);
    };
    figure.addEventListener('click', click);
    host.replaceChildren(figure);
    return () => {
      figure.removeEventListener('click', click);
      figure.remove();
    };
  }, [options, label, width]);
  return <div ref={ref} className={`plot ${className ?? ''}`} role="img" aria-label={label} />;
}
