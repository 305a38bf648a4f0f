/** Active users of the period: who holds what, where, and for how long; searchable by user or product, sortable. */
import { useId, useMemo, useState } from 'react';
import { formatCount, formatInstant } from '../../lib/format.ts';
import { activeUsers, type ActiveUser } from '../../lib/queries/users.ts';
import { MAX_SEARCH } from '../../lib/share/view-link.ts';
import type { Vault } from '../../lib/vault.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import { visibleText } from '../../lib/visible-text.ts';

interface Props {
  vault: () => Promise<Vault>;
  license: string | null;
  zone: string;
  startMs: number;
  endMs: number;
  asOf: number;
  /** The search, kept by the dashboard (it goes into the view link). */
  search: string;
  onSearch: (search: string) => void;
}

const SHOWN = 200;

/** The columns a click sorts by, and how they compare. */
const SORTS = {
  User: (a: ActiveUser, b: ActiveUser) => a.username.localeCompare(b.username),
  Allocations: (a: ActiveUser, b: ActiveUser) => a.allocations - b.allocations,
  Machines: (a: ActiveUser, b: ActiveUser) => a.machines - b.machines,
  'First use': (a: ActiveUser, b: ActiveUser) => a.firstUse - b.firstUse,
  'Last use': (a: ActiveUser, b: ActiveUser) => a.lastUse - b.lastUse,
  'Hours of use': (a: ActiveUser, b: ActiveUser) => a.hours - b.hours,
} as const;
type SortKey = keyof typeof SORTS;

function SortHeader({
  name,
  sort,
  onSort,
  num,
}: {
  name: SortKey;
  sort: { key: SortKey; descending: boolean } | null;
  onSort: (key: SortKey) => void;
  num?: boolean;
}) {
  const on = sort?.key === name;
  return (
    <th
      scope="col"
      className={num ? 'num' : undefined}
      aria-sort={on ? (sort.descending ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" className="sort" onClick={() => onSort(name)}>
        {name}
        <span aria-hidden="true">{on ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

export function UsersTable({ vault, license, zone, startMs, endMs, asOf, search, onSearch: setSearch }: Props) {
  const id = useId();
  // The list follows a search as it is typed: the last list stays, marked busy, until the next one is in.
  const asked = useQuery(
    async () => activeUsers((await vault()).db, { startMs, endMs, asOf, license, search }),
    [vault, license, search, startMs, endMs, asOf],
    { delayMs: 120, keepPrevious: true },
  );
  const users = asked.data ?? null;
  // Sorted here, over every user the query returned (the first SHOWN are shown after sorting).
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean } | null>(null);
  const sorted = useMemo(() => {
    if (!users || !sort) return users;
    const compare = SORTS[sort.key];
    return [...users].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  }, [users, sort]);
  const onSort = (key: SortKey) =>
    setSort((s) => (s?.key === key ? { key, descending: !s.descending } : { key, descending: key !== 'User' }));
  const header = (name: SortKey, num = false) => <SortHeader name={name} sort={sort} onSort={onSort} num={num} />;
  return (
    <section className="panel" aria-labelledby="users-title">
      <div className="panel__head">
        <h2 id="users-title">Active users{users && !asked.pending ? ` (${formatCount(users.length)})` : ''}</h2>
        <div className="field field--inline">
          <label htmlFor={id}>Search users or products</label>
          <input
            id={id}
            type="search"
            maxLength={MAX_SEARCH}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
      </div>
      <QueryError error={asked.error} lead="The active users could not be listed" />
      <div className="table-wrap">
        <table aria-label="Active users" aria-busy={asked.pending}>
          <thead>
            <tr>
              {header('User')}
              <th scope="col">License items</th>
              {/* Allocations, not licenses: one user can hold several allocations of one item over the period. */}
              {header('Allocations', true)}
              <th scope="col">Products</th>
              {header('Machines', true)}
              {header('First use')}
              {header('Last use')}
              {header('Hours of use', true)}
            </tr>
          </thead>
          <tbody>
            {(sorted ?? []).slice(0, SHOWN).map((u) => (
              <tr key={u.username}>
                <th scope="row">
                  {visibleText(u.username)}
                  {u.email && <span className="muted"> · {visibleText(u.email)}</span>}
                </th>
                <td>{u.licenses}</td>
                <td className="num">{u.allocations}</td>
                <td>{u.products}</td>
                <td className="num">{u.machines}</td>
                <td className="nowrap">{formatInstant(u.firstUse, zone)}</td>
                <td className="nowrap">{formatInstant(u.lastUse, zone)}</td>
                <td className="num">{u.hours.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {users && users.length > SHOWN && (
        <p className="muted">
          The first {SHOWN} of {formatCount(users.length)} users; search to narrow.
        </p>
      )}
    </section>
  );
}
