/**
 * Where files come in before any are loaded: a file picker, the bundled
 * sample, and the drop target's look. The drop itself is the page's
 * (`useFileDrop`): files can be dropped anywhere, before and after loading.
 */
import { useId, useState } from 'react';
import { FilePicker } from './FilePicker.tsx';

interface Props {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  onSample: () => void;
}

export function DropZone({ disabled, onFiles, onSample }: Props) {
  const [over, setOver] = useState(false);
  const hintId = useId();

  return (
    <section
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      aria-label="Load License Vault exports"
      onDragOver={() => setOver(true)}
      onDragLeave={() => setOver(false)}
      onDrop={() => setOver(false)}
    >
      <p className="dropzone__title">Drop License Vault CSV exports here</p>
      <p id={hintId} className="dropzone__hint">
        One or many files at once; loading more adds to what is loaded. A report file someone shared with you (.json)
        opens here too. Your files stay on this machine: nothing is uploaded.
      </p>
      <div className="dropzone__actions">
        <FilePicker primary disabled={disabled} onFiles={onFiles} describedBy={hintId} />
        <button type="button" className="button" disabled={disabled} onClick={onSample}>
          Try the sample data
        </button>
      </div>
    </section>
  );
}
