/**
 * An Observable Plot chart in React: drawn into a div, redrawn when its
 * options change, with a text alternative. `onPick` receives the datum under
 * the pointer when the chart is clicked (Plot's pointer interaction). Given
 * `bars` (the data of its first bar mark, in order), the bars are focusable:
 * one Tab stop, the arrow keys move between bars, Enter or Space picks one.
 * A redraw keeps the focused bar and the selection where the new chart has
 * the same bars (by `key`: the report's days' users arriving redraw the same
 * bars), and otherwise gives the focus to the new chart's first bar.
 * Given `zoom` too, a range of bars can be selected: by dragging across them,
 * or with Shift and the arrow keys from a focused bar; Enter (or the end of the
 * drag) zooms to it, Escape clears it (docs/DOMAIN.md §8.2).
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
  bars?: { data: readonly unknown[]; name: (datum: unknown) => string; key: (datum: unknown) => string } | undefined;
  /** Bar ranges (indices into `bars.data`, first ≤ last): told while selected, and when zoomed to. */
  zoom?: Zoom | undefined;
}

export interface Zoom {
  onSelect: (range: [number, number] | null) => void;
  onZoom: (range: [number, number]) => void;
}

/** A drawing's bars, as the next one needs them: their keys, the selection, and which had the focus when it went. */
interface Drawn {
  keys: string[];
  selection: Selection | null;
  focused: number | null;
}

/** The selection of bars, shared by the keyboard and the pointer: an anchor and the bar it reaches. */
class Selection {
  anchor: number | null = null;
  end: number | null = null;
  private readonly rects: SVGElement[];
  private readonly zoom: Zoom | undefined;
  constructor(rects: SVGElement[], zoom: Zoom | undefined) {
    this.rects = rects;
    this.zoom = zoom;
  }
  range(): [number, number] | null {
    if (this.anchor === null || this.end === null) return null;
    return [Math.min(this.anchor, this.end), Math.max(this.anchor, this.end)];
  }
  set(anchor: number | null, end: number | null) {
    this.anchor = anchor;
    this.end = end;
    const r = this.range();
    this.rects.forEach((rect, i) =>
      r && i >= r[0] && i <= r[1] ? rect.setAttribute('data-selected', 'true') : rect.removeAttribute('data-selected'),
    );
    this.zoom?.onSelect(r);
  }
  /** Zooms to the selection; false when there is none. */
  commit(): boolean {
    const r = this.range();
    if (!r || !this.zoom) return false;
    this.set(null, null);
    this.zoom.onZoom(r);
    return true;
  }
}

/** Makes the chart's bars one roving Tab stop; returns the bars (empty when they do not match the data). */
function focusableBars(
  figure: Element,
  bars: NonNullable<Props['bars']>,
  pick: (d: unknown) => void,
  zoom: Zoom | undefined,
): { rects: SVGElement[]; selection: Selection | null } {
  const rects = [...(figure.querySelector('g[aria-label="bar"]')?.querySelectorAll<SVGElement>('rect') ?? [])];
  if (rects.length !== bars.data.length) return { rects: [], selection: null };
  const selection = new Selection(rects, zoom);
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
        const to = next === -1 ? rects.length - 1 : Math.min(rects.length - 1, Math.max(0, next));
        // Shift extends the selection from where it began; a plain move leaves it.
        if (zoom && e.shiftKey) selection.set(selection.anchor ?? i, to);
        else if (selection.anchor !== null) selection.set(null, null);
        const target = rects[to];
        rects.forEach((r) => r.setAttribute('tabindex', r === target ? '0' : '-1'));
        target?.focus();
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        if (!(e.key === 'Enter' && selection.commit())) pick(bars.data[i]);
      } else if (e.key === 'Escape' && selection.anchor !== null) {
        e.preventDefault();
        selection.set(null, null);
      }
    });
  });
  return { rects, selection };
}

/**
 * Where the last drawing's focused bar and selection lie among `keys`, the
 * new drawing's bars: null for what it does not have.
 */
function keptBars(
  last: Drawn | null,
  keys: readonly string[],
): { focused: number | null; selection: [number, number] | null } {
  if (!last) return { focused: null, selection: null };
  const at = (i: number | null) => (i === null || last.keys[i] === undefined ? -1 : keys.indexOf(last.keys[i]));
  const focused = at(last.focused);
  const [anchor, end] = [at(last.selection?.anchor ?? null), at(last.selection?.end ?? null)];
  return { focused: focused < 0 ? null : focused, selection: anchor < 0 || end < 0 ? null : [anchor, end] };
}

/** The bar under a pointer's x: the one whose band holds it, else the nearest (null left or right of them all). */
function barAt(rects: SVGElement[], clientX: number): number | null {
  const boxes = rects.map((r) => r.getBoundingClientRect());
  if (boxes.length === 0 || clientX < boxes[0]!.left - 2 || clientX > boxes.at(-1)!.right + 2) return null;
  let best = 0;
  boxes.forEach((b, i) => {
    if (Math.abs(clientX - (b.left + b.right) / 2) < Math.abs(clientX - (boxes[best]!.left + boxes[best]!.right) / 2))
      best = i;
  });
  return best;
}

/**
 * Dragging across the bars selects them; letting go over another bar zooms, and the click that follows picks
 * nothing. Listened to while capturing: Plot's pointer stops a pointerdown's propagation (to pin its tip).
 */
function draggable(figure: Element, rects: SVGElement[], selection: Selection): { dragged: () => boolean } {
  let dragging = false;
  let moved = false;
  figure.addEventListener(
    'pointerdown',
    (e) => {
      const i = barAt(rects, (e as PointerEvent).clientX);
      if (i === null || (e as PointerEvent).button !== 0) return;
      dragging = true;
      moved = false;
      selection.set(i, i);
    },
    true,
  );
  figure.addEventListener(
    'pointermove',
    (e) => {
      if (!dragging) return;
      const i = barAt(rects, (e as PointerEvent).clientX);
      if (i !== null && i !== selection.end) {
        moved = true;
        selection.set(selection.anchor, i);
      }
    },
    true,
  );
  const end = () => {
    if (!dragging) return;
    dragging = false;
    if (moved) selection.commit();
    else selection.set(null, null);
  };
  figure.addEventListener('pointerup', end, true);
  figure.addEventListener('pointerleave', end);
  return {
    dragged: () => {
      const was = moved;
      moved = false;
      return was;
    },
  };
}

export function PlotFigure({ options, label, onPick, className, bars, zoom }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const zoomed = useRef(zoom);
  zoomed.current = zoom;
  const [width, setWidth] = useState(640);
  // The last drawing's bars: their keys, the focused one and the selection, for the next redraw to keep.
  const drawn = useRef<Drawn | null>(null);
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
    let drag: { dragged: () => boolean } | null = null;
    let drawnRects: SVGElement[] = [];
    const click = () => {
      if (drag?.dragged()) return;
      if (figure.value !== undefined && figure.value !== null) pick.current?.(figure.value);
    };
    figure.addEventListener('click', click);
    // The last drawing is gone (its cleanup), but it said whether it had the focus.
    const hadFocus = host.contains(document.activeElement) || (drawn.current?.focused ?? null) !== null;
    host.replaceChildren(figure);
    if (bars && pick.current) {
      // Through the ref: the callbacks may change without the chart being redrawn.
      const relay: Zoom | undefined = zoomed.current && {
        onSelect: (r) => zoomed.current?.onSelect(r),
        onZoom: (r) => zoomed.current?.onZoom(r),
      };
      const { rects, selection } = focusableBars(figure, bars, (d) => pick.current?.(d), relay);
      if (selection && relay) drag = draggable(figure, rects, selection);
      const keys = bars.data.map((d) => bars.key(d));
      const kept = keptBars(drawn.current, keys);
      drawn.current = { keys, selection, focused: null };
      drawnRects = rects;
      if (selection && kept.selection) selection.set(...kept.selection);
      if (hadFocus) {
        const target = rects[kept.focused ?? 0];
        rects.forEach((r) => r.setAttribute('tabindex', r === target ? '0' : '-1'));
        (target ?? host).focus();
      }
    } else drawn.current = null;
    return () => {
      // Which bar had the focus, for the next drawing to give it back (removing the figure loses it).
      const focused = drawnRects.findIndex((r) => r === document.activeElement);
      if (drawn.current) drawn.current.focused = focused < 0 ? null : focused;
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
