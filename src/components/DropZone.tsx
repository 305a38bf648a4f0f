/** Where files come in: drag and drop, a file picker, or the bundled sample. */
import { useId, useRef, useState, type DragEvent } from 'react';

interface Props {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  onSample: () => void;
}

export function DropZone({ disabled, onFiles, onSample }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) onFiles([...e.dataTransfer.files]);
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
              onFiles(files);
            }}
          />
        </label>
        <button type="button" className="button" disabled={disabled} onClick={onSample}>
          Try the sample data
        </button>
      </div>
    </section>
  );
}
