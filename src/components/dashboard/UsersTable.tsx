/** Active users of the period: who holds what, where, and for how long; searchable by user or product. */
import { useEffect, useId, useState } from 'react';
import { formatCount, formatInstant } from '../../lib/format.ts';
import { activeUsersSql, type ActiveUser } from '../../lib/sql/users.ts';
import { toMicros } from '../../lib/sql/usage.ts';
import { MAX_SEARCH } from '../../lib/share/view-link.ts';
import type { Vault } from '../../lib/vault.ts';

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
  const [users, setUsers] = useState<ActiveUser[] | null>(null);
  const id = useId();
  useEffect(() => {
    let live = true;
    const range = { rs: toMicros(startMs), re: toMicros(Math.min(endMs, asOf)), asOf: toMicros(asOf) };
    const timer = setTimeout(() => {
      void vault()
        .then((v) => v.db.query<ActiveUser>(activeUsersSql({ range, license, search })))
        .then((rows) => live && setUsers(rows));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [vault, license, search, startMs, endMs, asOf]);
  return (
    <section className="panel" aria-labelledby="users-title">
      <div className="panel__head">
        <h2 id="users-title">Active users{users ? ` (${formatCount(users.length)})` : ''}</h2>
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
      <div className="table-wrap">
        <table aria-label="Active users">
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
                  {u.username}
                  {u.email && <span className="muted"> · {u.email}</span>}
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
