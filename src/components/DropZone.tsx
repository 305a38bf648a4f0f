/** Where files come in: drag and drop, a file picker, or the bundled sample. */
import { useId, useRef, useState, type DragEvent } from 'react';
import { formatCountOf } from '../lib/format.ts';

interface Props {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  onSample: () => void;
}

export function DropZone({ disabled, onFiles, onSample }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  // Files dropped while a load runs are not queued (the source zone or a cancel may change meanwhile): said, not lost silently.
  const [turnedAway, setTurnedAway] = useState<string | null>(null);

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (disabled) {
      if (files.length === 0) return;
      setTurnedAway(
        `${formatCountOf(files.length, 'file')} dropped while a load was running ${files.length === 1 ? 'was' : 'were'} not loaded: drop ${files.length === 1 ? 'it' : 'them'} again once the load has finished.`,
      );
      return;
    }
    setTurnedAway(null);
    onFiles(files);
  };

  return (
    <section
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      aria-label="Load License Vault exports"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p className="dropzone__title">Drop License Vault CSV exports here</p>
      <p id={hintId} className="dropzone__hint">
        One or many files at once; loading more adds to what is loaded. A report file someone shared with you (.json)
        opens here too. Your files stay on this machine: nothing is uploaded.
      </p>
      <div className="dropzone__actions">
        <label className={`button button--primary${disabled ? ' button--disabled' : ''}`}>
          Choose files…
          <input
            ref={input}
            type="file"
            multiple
            accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json"
            aria-describedby={hintId}
            disabled={disabled}
            className="visually-hidden"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              setTurnedAway(null);
              onFiles(files);
            }}
          />
        </label>
        <button type="button" className="button" disabled={disabled} onClick={onSample}>
          Try the sample data
        </button>
      </div>
      {turnedAway && (
        <p className="messages__notices" role="status">
          {turnedAway}
        </p>
      )}
    </section>
  );
}
