/**
 * Once data is loaded, the loader shrinks to one line: what is loaded, a way to
 * add files, and a way to clear them that asks first (Clear empties everything).
 * The line is also the printed report's title block.
 */
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../lib/format.ts';
import { FilePicker } from './FilePicker.tsx';
import type { IngestSummary } from '../lib/sql/summary.ts';

interface Props {
  summary: IngestSummary;
  /** Whether the sample organisation's inventory is the one in use. */
  sampleInventory: boolean;
  busy: boolean;
  onFiles: (files: File[]) => void;
  onClear: () => void;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function LoaderLine({ summary, sampleInventory, busy, onFiles, onClear }: Props) {
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  // The question takes the focus, so a keyboard user answers it before anything else.
  useEffect(() => {
    if (confirming) keep.current?.focus();
  }, [confirming]);
  const facts = [
    plural(summary.files, 'file', 'files'),
    // Accepted rows are sessions and denials together.
    plural(summary.accepted - summary.denials, 'session', 'sessions'),
    ...(summary.denials > 0 ? [plural(summary.denials, 'denial', 'denials')] : []),
    ...(sampleInventory ? ['the sample inventory'] : []),
  ];
  return (
    <section className="loader-line" aria-label="Loaded files">
      <h1 className="loader-line__title">License Vault usage</h1>
      <p className="loader-line__facts">{facts.join(' · ')}</p>
      <div className="loader-line__actions">
        <FilePicker disabled={busy} onFiles={onFiles} title="Adds to the data already loaded" />
        {confirming ? (
          <span className="loader-line__confirm" role="group" aria-label="Clear loaded data?">
            <span>Clear every loaded file?</span>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirming(false);
                onClear();
              }}
            >
              Yes, clear
            </button>
            <button ref={keep} type="button" className="button" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)}>
            Clear loaded data…
          </button>
        )}
      </div>
    </section>
  );
}
