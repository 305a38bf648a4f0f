/** The zone for timestamps written without an offset (docs/DOMAIN.md §2.1: default UTC). */
import { useId, useMemo } from 'react';
import { zoneNames } from '../lib/time/zone.ts';

export function SourceZonePicker({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (zone: string) => void;
  disabled: boolean;
}) {
  const id = useId();
  const zones = useMemo(zoneNames, []);
  return (
    <div className="field">
      <label htmlFor={id}>Times without a UTC offset are in</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </div>
  );
}
