/**
 * The license item selector of the dashboard and of a snapshot: all items
 * and each item; past ITEM_OPTIONS_LIMIT items a search box narrows it.
 */
import { useMemo, useState } from 'react';
import { ITEM_OPTIONS_LIMIT, itemOptions } from '../../lib/dashboard/item-options.ts';
import { formatCount } from '../../lib/format.ts';
import { TOTAL } from '../../lib/usage/total.ts';
import { visibleText } from '../../lib/visible-text.ts';

/**
 * The license item selector. Past ITEM_OPTIONS_LIMIT items a search box
 * narrows it: a <select> of 100,000 options froze the page. `all` names the
 * option for all items together (none when null); `label` and `findLabel`
 * name the selector and its search box.
 */
export function ItemSelect({
  id,
  findId,
  licenses,
  item,
  onChange,
  label = 'License item',
  findLabel = 'Find a license item',
  all = 'All license items',
  className = 'field',
}: {
  id: string;
  findId: string;
  licenses: readonly string[];
  item: string;
  onChange: (item: string) => void;
  label?: string;
  findLabel?: string;
  all?: string | null;
  className?: string;
}) {
  const [query, setQuery] = useState('');
  const options = useMemo(() => itemOptions(licenses, query, item), [licenses, query, item]);
  const searchable = licenses.length > ITEM_OPTIONS_LIMIT;
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {searchable && (
        <input
          id={findId}
          type="search"
          aria-label={findLabel}
          placeholder={`Find among ${formatCount(licenses.length)} items`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      <select id={id} value={item} onChange={(e) => onChange(e.target.value)}>
        {all !== null && <option value={TOTAL}>{all}</option>}
        {options.shown.map((l) => (
          <option key={l} value={l}>
            {visibleText(l)}
          </option>
        ))}
        {options.more > 0 && (
          <option disabled value="">
            {`and ${formatCount(options.more)} more: type in the search box to narrow`}
          </option>
        )}
      </select>
    </div>
  );
}
