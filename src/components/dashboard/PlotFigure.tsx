/**
 * An Observable Plot chart in React: drawn into a div, redrawn when its
 * options change, with a text alternative. `onPick` receives the datum under
 * the pointer when the chart is clicked (Plot's pointer interaction). Given
 * `bars` (the data of its first bar mark, in order), the bars are focusable:
 * one Tab stop, the arrow keys move between bars, Enter or Space picks one,
 * and a redraw while a bar had the focus gives it to the new chart's first bar.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'react';

interface Props {
  options: Plot.PlotOptions;
  /** What the chart shows, for screen readers. */
  label: string;
  onPick?: ((datum: unknown) => void) | undefined;
  className?: string;
  /** The first bar mark's data, with each bar's spoken name, to make the bars keyboard targets. */
  bars?: { data: readonly unknown[]; name: (datum: unknown) => string } | undefined;
}

/** Makes the chart's bars one roving Tab stop; returns the bars (empty when they do not match the data). */
function focusableBars(figure: Element, bars: NonNullable<Props['bars']>, pick: (d: unknown) => void): SVGElement[] {
  const rects = [...(figure.querySelector('g[aria-label="bar"]')?.querySelectorAll<SVGElement>('rect') ?? [])];
  if (rects.length !== bars.data.length) return [];
  rects.forEach((rect, i) => {
    rect.setAttribute('tabindex', i === 0 ? '0' : '-1');
    rect.setAttribute('role', 'button');
    rect.setAttribute('aria-label', bars.name(bars.data[i]));
    rect.addEventListener('keydown', (e) => {
      const next =
        e.key === 'ArrowRight'
          ? i + 1
          : e.key === 'ArrowLeft'
            ? i - 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? -1
                : null;
      if (next !== null) {
        e.preventDefault();
        const target = rects.at(next === -1 ? rects.length - 1 : Math.min(rects.length - 1, Math.max(0, next)));
        rects.forEach((r) => r.setAttribute('tabindex', r === target ? '0' : '-1'));
        target?.focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        pick(bars.data[i]);
      }
    });
  });
  return rects;
}

export function PlotFigure({ options, label, onPick, className, bars }: Props) {
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
    const hadFocus = host.contains(document.activeElement);
    host.replaceChildren(figure);
    if (bars && pick.current) {
      const rects = focusableBars(figure, bars, (d) => pick.current?.(d));
      if (hadFocus) (rects[0] ?? host).focus();
    }
    return () => {
      figure.removeEventListener('click', click);
      figure.remove();
    };
  }, [options, label, width, bars]);
  // With focusable bars the chart is a group of buttons, not one image.
  return (
    <div
      ref={ref}
      className={`plot ${className ?? ''}`}
      role={bars ? 'group' : 'img'}
      aria-label={label}
      tabIndex={bars ? -1 : undefined}
    />
  );
}
