/**
 * "Choose files…": the file picker of the drop zone and of the one-line loader,
 * taking exports, denials files and shared report files.
 */
interface Props {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** The primary action where nothing is loaded yet. */
  primary?: boolean;
  /** What the picker does, for assistive technology (the id of a hint). */
  describedBy?: string;
  title?: string;
}

const ACCEPT = '.csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json';

export function FilePicker({ disabled, onFiles, primary = false, describedBy, title }: Props) {
  return (
    <label className={`button${primary ? ' button--primary' : ''}${disabled ? ' button--disabled' : ''}`}>
      Choose files…
      <input
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={describedBy}
        title={title}
        disabled={disabled}
        className="visually-hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared, so choosing the same file again loads it again.
          e.target.value = '';
          onFiles(files);
        }}
      />
    </label>
  );
}
