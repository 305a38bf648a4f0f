/**
 * The selectors every view follows: period, time zone, license item, license
 * type; the threshold and hold delay behind a gear button; export and print.
 */
import { useId, useMemo, useState } from 'react';
import { LICENSE_TYPES, LICENSE_TYPE_LABELS, type LicenseTypeView } from '../../lib/dashboard/license-type.ts';
import { PERIOD_LABELS, PERIOD_PRESETS, type PeriodPreset } from '../../lib/dashboard/periods.ts';
import { zoneNames } from '../../lib/time/zone.ts';
import type { DashboardSettings } from '../../lib/dashboard/view.ts';
import { MAX_HOLD_MINUTES, parseHoldMinutes } from '../../lib/usage/hold.ts';
import { cutOffs } from '../../lib/report/cards.ts';
import { ItemSelect } from './ItemSelect.tsx';

interface Props {
  settings: DashboardSettings;
  licenses: string[];
  onChange: (next: Partial<DashboardSettings>) => void;
  onExport: () => void;
  sharing: boolean;
  onShare: () => void;
  busy: boolean;
}

export function Controls({ settings, licenses, onChange, onExport, sharing, onShare, busy }: Props) {
  const ids = {
    period: useId(),
    from: useId(),
    to: useId(),
    zone: useId(),
    item: useId(),
    type: useId(),
    threshold: useId(),
    hold: useId(),
    find: useId(),
  };
  const [gear, setGear] = useState(false);
  const zoneList = useMemo(zoneNames, []);
  return (
    <div className="controls" aria-busy={busy}>
      <div className="field">
        <label htmlFor={ids.period}>Period</label>
        <select
          id={ids.period}
          value={settings.preset}
          onChange={(e) => onChange({ preset: e.target.value as PeriodPreset })}
        >
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {PERIOD_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      {settings.preset === 'custom' && (
        <>
          <div className="field">
            <label htmlFor={ids.from}>From</label>
            <input
              id={ids.from}
              type="date"
              value={settings.customFrom ?? ''}
              onChange={(e) => onChange({ customFrom: e.target.value || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>To</label>
            <input
              id={ids.to}
              type="date"
              value={settings.customTo ?? ''}
              onChange={(e) => onChange({ customTo: e.target.value || undefined })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={ids.zone}>Time zone</label>
        <select id={ids.zone} value={settings.zone} onChange={(e) => onChange({ zone: e.target.value })}>
          {zoneList.map((z) => (
            <option key={z}>{z}</option>
          ))}
        </select>
      </div>
      <ItemSelect
        id={ids.item}
        findId={ids.find}
        licenses={licenses}
        item={settings.item}
        onChange={(item) => onChange({ item })}
      />
      <div className="field">
        <label htmlFor={ids.type}>License type</label>
        <select
          id={ids.type}
          value={settings.licenseType}
          onChange={(e) => onChange({ licenseType: e.target.value as LicenseTypeView })}
        >
          {LICENSE_TYPES.map((t) => (
            <option key={t} value={t}>
              {LICENSE_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="controls__actions">
        <button
          type="button"
          className="button"
          aria-expanded={gear}
          aria-controls={gear ? 'threshold-settings' : undefined}
          onClick={() => setGear(!gear)}
        >
          <span aria-hidden="true">⚙</span> Threshold settings
        </button>
        <button type="button" className="button" onClick={onExport}>
          Export period (CSV)
        </button>
        <button type="button" className="button" onClick={() => window.print()}>
          Print
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={sharing}
          aria-controls={sharing ? 'share-panel' : undefined}
          onClick={onShare}
        >
          Share…
        </button>
      </div>
      {gear && (
        <div id="threshold-settings" className="gear" role="group" aria-label="Threshold settings">
          <div className="field">
            <label htmlFor={ids.threshold}>Threshold (% of capacity)</label>
            <input
              id={ids.threshold}
              type="number"
              min={1}
              max={100}
              value={settings.threshold}
              onChange={(e) => {
                const v = Number(e.target.value);
                if (v > 0 && v <= 100) onChange({ threshold: v });
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.hold}>Hold delay (minutes past each session's end)</label>
            <input
              id={ids.hold}
              type="number"
              min={0}
              max={MAX_HOLD_MINUTES}
              step={1}
              value={settings.holdMinutes}
              onChange={(e) => {
                const hold = parseHoldMinutes(e.target.value);
                if (hold.ok) onChange({ holdMinutes: hold.minutes });
              }}
            />
          </div>
          <table className="cut-offs" aria-label="Warning cut-offs">
            <thead>
              <tr>
                <th scope="col">Card</th>
                <th scope="col">Minor warning</th>
                <th scope="col">Major warning</th>
              </tr>
            </thead>
            <tbody>
              {cutOffs(settings.threshold).map((c) => (
                <tr key={c.card}>
                  <th scope="row">{c.card}</th>
                  <td>{c.minor}</td>
                  <td>{c.major}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
