/**
 * The inventory (docs/DOMAIN.md §2.3): licenses owned per item, editable here,
 * importable and exportable as the inventory file, remembered in this browser.
 * Every entry is validated by the same schema as an imported file.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  EMPTY_INVENTORY,
  LICENSE_KINDS,
  inventoryItem,
  parseInventory,
  serializeInventory,
  type Inventory,
} from '../../lib/inventory/schema.ts';
import { ITEM_OPTIONS_LIMIT, itemOptions } from '../../lib/dashboard/item-options.ts';
import { formatCount } from '../../lib/format.ts';
import { downloadText } from '../download.ts';
import { fetchSampleInventory } from '../sample.ts';

interface Row {
  license: string;
  regular: string;
  virtual: string;
  trueUpLimitPercent: string;
  annualPrice: string;
  trueUpMonthlyPrice: string;
  currency: string;
  kind: string;
  /** Comma-separated project names. */
  projects: string;
}

function rowsOf(inventory: Inventory, licenses: string[]): Row[] {
  const names = [...new Set([...licenses, ...Object.keys(inventory.items)])].sort();
  return names.map((license) => {
    const i = inventoryItem(inventory, license);
    return {
      license,
      regular: i ? String(i.regular) : '',
      virtual: i ? String(i.virtual) : '',
      trueUpLimitPercent: i?.trueUpLimitPercent == null ? '' : String(i.trueUpLimitPercent),
      annualPrice: i?.annualPrice === undefined ? '' : String(i.annualPrice),
      trueUpMonthlyPrice: i?.trueUpMonthlyPrice === undefined ? '' : String(i.trueUpMonthlyPrice),
      currency: i?.currency ?? '',
      kind: i?.kind ?? 'ide',
      projects: (i?.projects ?? []).join(', '),
    };
  });
}

/** The rows with an empty row added, in order, for each name not yet listed. */
function withLicenses(rows: Row[], licenses: string[]): Row[] {
  const listed = new Set(rows.map((r) => r.license));
  const added = licenses.filter((l) => !listed.has(l));
  if (!added.length) return rows;
  return [...rows, ...rowsOf(EMPTY_INVENTORY, added)].sort((a, b) =>
    a.license < b.license ? -1 : a.license > b.license ? 1 : 0,
  );
}

/** "Platform, Data ,, Data" → ["Platform", "Data"]; none → absent. */
function projectList(text: string): string[] | undefined {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ];
  return names.length ? names : undefined;
}

/** Rows to an inventory file: items without a regular count are left out. */
function draftOf(rows: Row[], previous: Inventory): unknown {
  const items: Record<string, unknown> = {};
  for (const r of rows) {
    if (r.regular.trim() === '') continue;
    const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
    items[r.license] = {
      ...inventoryItem(previous, r.license),
      regular: num(r.regular),
      virtual: num(r.virtual) ?? 0,
      trueUpLimitPercent: num(r.trueUpLimitPercent) ?? null,
      annualPrice: num(r.annualPrice),
      trueUpMonthlyPrice: num(r.trueUpMonthlyPrice),
      currency: r.currency.trim() === '' ? undefined : r.currency.trim().toUpperCase(),
      kind: r.kind,
      projects: projectList(r.projects),
    };
  }
  return { version: 1, items };
}

export function InventoryEditor({
  inventory,
  licenses,
  onSave,
}: {
  inventory: Inventory;
  licenses: string[];
  onSave: (i: Inventory) => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(inventory, licenses));
  const licensesRef = useRef(licenses);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // A saved or imported inventory replaces the rows. A recomputed report (any
  // change of period, threshold or zone, and the one a save itself starts)
  // brings a new list of names: it only adds rows, so edits not yet saved stay.
  useEffect(() => setRows(rowsOf(inventory, licensesRef.current)), [inventory]);
  // The names, not the array's identity: every report brings a new array, and only new names add rows.
  const licensesKey = JSON.stringify(licenses);
  const names = useMemo(() => JSON.parse(licensesKey) as string[], [licensesKey]);
  useEffect(() => {
    licensesRef.current = names;
    setRows((rs) => withLicenses(rs, names));
  }, [names]);

  // Past ITEM_OPTIONS_LIMIT rows a filter picks which are drawn: 100,000 rows of inputs froze the page.
  const [filter, setFilter] = useState('');
  const listed = useMemo(() => rows.map((r) => r.license), [rows]);
  const shown = useMemo(() => {
    const at = new Map(listed.map((license, i) => [license, i]));
    const { shown: names, more } = itemOptions(listed, filter, '');
    return { indexes: names.map((n) => at.get(n)!), more };
  }, [listed, filter]);

  const edit = (i: number, field: keyof Row, value: string) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [field]: value } : r)));

  const save = () => {
    const parsed = parseInventory(JSON.stringify(draftOf(rows, inventory)), 'inventory');
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    onSave(parsed.inventory);
    setMessage({
      ok: true,
      text: `Saved: ${Object.keys(parsed.inventory.items).length} items. Remembered in this browser.`,
    });
  };

  const importFile = async (file: File) => {
    const parsed = parseInventory(await file.text(), file.name);
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    onSave(parsed.inventory);
    setMessage({ ok: true, text: `Imported ${file.name}: ${Object.keys(parsed.inventory.items).length} items.` });
  };

  const applySample = async () => {
    const parsed = parseInventory(await fetchSampleInventory(), 'sample inventory');
    if (!parsed.ok) {
      setMessage({ ok: false, text: parsed.message });
      return;
    }
    onSave(parsed.inventory);
    setMessage({ ok: true, text: 'The sample organisation’s inventory is in use.' });
  };

  const exportFile = () => downloadText('vaultlens-inventory.json', serializeInventory(inventory), 'application/json');

  const field = (i: number, r: Row, key: keyof Row, label: string, props: Record<string, unknown> = {}) => (
    <td>
      <input
        aria-label={`${label} for ${r.license}`}
        value={r[key]}
        onChange={(e) => edit(i, key, e.target.value)}
        inputMode="decimal"
        size={6}
        {...props}
      />
    </td>
  );

  return (
    <section className="panel" aria-labelledby="inventory-title">
      <div className="panel__head">
        <h2 id="inventory-title">Inventory</h2>
        <div className="actions">
          <label className="button">
            Import inventory…
            <input
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void importFile(f);
              }}
            />
          </label>
          <button type="button" className="button" onClick={exportFile}>
            Export inventory
          </button>
          <button type="button" className="button" onClick={() => void applySample()}>
            Use the sample inventory
          </button>
        </div>
      </div>
      <p className="muted">
        What your organisation owns per license item. Capacity = regular + virtual; True-Up comes on top, up to the
        limit. Prices feed the cost estimates; a True-Up license-month costs the annual price / 12 unless you set it.
        Projects (comma-separated) group items on the Projects tab. Leave “Regular” empty for items you do not want to
        track.
      </p>
      {rows.length > ITEM_OPTIONS_LIMIT && (
        <p className="field">
          <input
            type="search"
            aria-label="Find inventory rows by license item"
            placeholder={`Find among ${formatCount(rows.length)} license items`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        </p>
      )}
      <div className="table-wrap">
        <table aria-label="Inventory">
          <thead>
            <tr>
              <th scope="col">License item</th>
              <th scope="col">Regular</th>
              <th scope="col">Virtual</th>
              <th scope="col">True-Up limit %</th>
              <th scope="col">Annual price</th>
              <th scope="col">True-Up price / month</th>
              <th scope="col">Currency</th>
              <th scope="col">Kind</th>
              <th scope="col">Projects</th>
            </tr>
          </thead>
          <tbody>
            {shown.indexes
              .map((i) => [i, rows[i]!] as const)
              .map(([i, r]) => (
                <tr key={r.license}>
                  <th scope="row">{r.license}</th>
                  {field(i, r, 'regular', 'Regular licenses')}
                  {field(i, r, 'virtual', 'Virtual licenses')}
                  {field(i, r, 'trueUpLimitPercent', 'True-Up limit percent')}
                  {field(i, r, 'annualPrice', 'Annual price')}
                  {field(i, r, 'trueUpMonthlyPrice', 'True-Up price per license-month', {
                    placeholder: r.annualPrice.trim() === '' ? '' : (Number(r.annualPrice) / 12).toFixed(2),
                  })}
                  {field(i, r, 'currency', 'Currency', { size: 4, inputMode: 'text' })}
                  <td>
                    <select
                      aria-label={`Kind for ${r.license}`}
                      value={r.kind}
                      onChange={(e) => edit(i, 'kind', e.target.value)}
                    >
                      {LICENSE_KINDS.map((k) => (
                        <option key={k}>{k}</option>
                      ))}
                    </select>
                  </td>
                  {field(i, r, 'projects', 'Projects', {
                    size: 18,
                    inputMode: 'text',
                    placeholder: 'e.g. Platform, Data',
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {shown.more > 0 && (
        <p className="muted" role="status">
          {`and ${formatCount(shown.more)} more rows: type in the search box to reach them.`}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={save}>
          Save inventory
        </button>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'messages__problems'}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}
