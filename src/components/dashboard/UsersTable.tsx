/** Active users of the period: who holds what, where, and for how long; searchable by user or product. */
import { useId } from 'react';
import { formatCount, formatInstant } from '../../lib/format.ts';
import { activeUsers } from '../../lib/queries/users.ts';
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

export function UsersTable({ vault, license, zone, startMs, endMs, asOf, search, onSearch: setSearch }: Props) {
  const id = useId();
  // The list follows a search as it is typed: the last list stays, marked busy, until the next one is in.
  const asked = useQuery(
    async () => activeUsers((await vault()).db, { startMs, endMs, asOf, license, search }),
    [vault, license, search, startMs, endMs, asOf],
    { delayMs: 120, keepPrevious: true },
  );
  const users = asked.data ?? null;
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
              <th scope="col">User</th>
              <th scope="col">License items</th>
              <th scope="col" className="num">
                Licenses held
              </th>
              <th scope="col">Products</th>
              <th scope="col" className="num">
                Machines
              </th>
              <th scope="col">First use</th>
              <th scope="col">Last use</th>
              <th scope="col" className="num">
                Hours of use
              </th>
            </tr>
          </thead>
          <tbody>
            {(users ?? []).slice(0, SHOWN).map((u) => (
              <tr key={u.username}>
                <th scope="row">
                  {visibleText(u.username)}
                  {u.email && <span className="muted"> · {visibleText(u.email)}</span>}
                </th>
                <td>{u.licenses}</td>
                <td className="num">{u.allocations}</td>
                <td>{u.products}</td>
                <td className="num">{u.machines}</td>
                <td>{formatInstant(u.firstUse, zone)}</td>
                <td>{formatInstant(u.lastUse, zone)}</td>
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
