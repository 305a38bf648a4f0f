/**
 * A tab list after the WAI-ARIA tabs pattern: one tab in the Tab order (the
 * selected one), the arrow keys, Home and End move between tabs and select
 * them as they go.
 */
import { useRef, type KeyboardEvent } from 'react';

interface Props<T extends string> {
  tabs: readonly T[];
  selected: T;
  onSelect: (tab: T) => void;
  label: string;
  className?: string;
  /** The id of each tab's panel, when it has one. */
  panelId?: (tab: T) => string;
}

/** The tab's id, for its panel's aria-labelledby. */
export const tabId = (label: string, tab: string) => `tab-${label}-${tab}`.replace(/\W+/g, '-');

export function Tabs<T extends string>({ tabs, selected, onSelect, label, className = 'tabs', panelId }: Props<T>) {
  const list = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent) => {
    const at = tabs.indexOf(selected);
    const next =
      e.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    onSelect(tabs[next]!);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <div ref={list} className={className} role="tablist" aria-label={label} onKeyDown={move}>
      {tabs.map((t) => (
        <button
          key={t}
          id={tabId(label, t)}
          type="button"
          role="tab"
          aria-selected={selected === t}
          aria-controls={panelId?.(t)}
          tabIndex={selected === t ? 0 : -1}
          onClick={() => onSelect(t)}
        >
          {t}
        </button>
      ))}
    </div>
  );
}
