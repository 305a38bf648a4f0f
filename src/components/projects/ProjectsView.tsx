/**
 * Projects and license items, like a license portal's statistics pages:
 * the list of projects and items, a project page (its items,
 * pies, trend and 2-hour table, the items counted together) and an item page
 * (its tags, capacity, validity and projects, and the same figures). Which
 * page is open is the Dashboard's (it lives in the URL): every link goes
 * through `onPage`.
 */
import { useEffect, useMemo, useRef } from 'react';
import { ITEM_OPTIONS_LIMIT } from '../../lib/dashboard/item-options.ts';
import { formatCount } from '../../lib/format.ts';
import { inventoryItem, type Inventory } from '../../lib/inventory/schema.ts';
import { capacityOfSet, itemPeaks, setPeak } from '../../lib/projects/figures.ts';
import { projectsOf, projectsOfItem, validityOn, type Project } from '../../lib/projects/projects.ts';
import { localDateOf } from '../../lib/usage/buckets.ts';
import type { Vault } from '../../lib/vault.ts';
import type { PortalPage } from '../../lib/dashboard/view.ts';
import { QueryError } from '../QueryError.tsx';
import { useQuery } from '../useQuery.ts';
import { UsageStats } from './UsageStats.tsx';
import { CappedNote, ItemSearch, useCapped } from '../dashboard/CappedList.tsx';

/** An item's name is itself. */
const nameOfItem = (license: string) => license;

export type { PortalPage };

export interface ProjectsViewProps {
  vault: () => Promise<Vault>;
  inventory: Inventory;
  /** License items present in the loaded data. */
  licenses: string[];
  zone: string;
  /** As-of, epoch ms. */
  asOf: number;
  holdMinutes: number;
  /** The selected period, UTC ms [startMs, endMs). */
  period: { startMs: number; endMs: number };
  /** The data's first instant, epoch ms ("all history" starts here). */
  earliest: number;
  page: PortalPage;
  onPage: (page: PortalPage) => void;
  /** Opens the Inventory tab, where projects are set. */
  onInventory?: (() => void) | undefined;
}

export function ProjectsView(props: ProjectsViewProps) {
  const { page } = props;
  const ref = useRef<HTMLElement>(null);
  // After a link, focus goes to the new page's heading (not on first showing the tab).
  const pageKey =
    page.kind === 'list' ? 'list' : page.kind === 'project' ? `project:${page.name}` : `item:${page.license}`;
  const shown = useRef(pageKey);
  useEffect(() => {
    if (shown.current === pageKey) return;
    shown.current = pageKey;
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [pageKey]);
  return (
    <section className="panel portal" aria-label="Projects" ref={ref}>
      {page.kind === 'list' && <ListPage {...props} />}
      {page.kind === 'project' && <ProjectPage {...props} name={page.name} />}
      {page.kind === 'item' && <ItemPage {...props} license={page.license} />}
    </section>
  );
}

function ProjectLink({ name, onPage }: { name: string; onPage: ProjectsViewProps['onPage'] }) {
  return (
    <button type="button" className="link" onClick={() => onPage({ kind: 'project', name })}>
      {name}
    </button>
  );
}

function ItemLink({ license, onPage }: { license: string; onPage: ProjectsViewProps['onPage'] }) {
  return (
    <button type="button" className="link" onClick={() => onPage({ kind: 'item', license })}>
      {license}
    </button>
  );
}

/** Links to project or item pages as an inline list, or "none". */
function PageLinks({
  kind,
  names,
  label,
  onPage,
}: {
  kind: 'project' | 'item';
  names: readonly string[];
  label?: string;
  onPage: ProjectsViewProps['onPage'];
}) {
  if (names.length === 0) return <span className="muted">none</span>;
  // A project of thousands of items: a link per item froze the page; the items table's search reaches the rest.
  const shown = names.slice(0, ITEM_OPTIONS_LIMIT);
  return (
    <ul className="inline-list" aria-label={label}>
      {shown.map((n) => (
        <li key={n}>
          {kind === 'project' ? <ProjectLink name={n} onPage={onPage} /> : <ItemLink license={n} onPage={onPage} />}
        </li>
      ))}
      {names.length > shown.length && (
        <li className="muted">{`and ${formatCount(names.length - shown.length)} more (showing ${formatCount(shown.length)} of ${formatCount(names.length)})`}</li>
      )}
    </ul>
  );
}

function Crumbs({ current, onPage }: { current: string; onPage: ProjectsViewProps['onPage'] }) {
  return (
    <nav aria-label="Projects path" className="breadcrumb">
      <ol>
        <li>
          <button type="button" className="link" onClick={() => onPage({ kind: 'list' })}>
            All projects and items
          </button>
        </li>
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}

const cap = (c: number | null) => (c === null ? '—' : formatCount(c));

function ListPage(props: ProjectsViewProps) {
  const { vault, inventory, licenses, zone, asOf, holdMinutes, period, onPage } = props;
  const projects = projectsOf(inventory);
  const items = useMemo(
    () => [...new Set([...licenses, ...Object.keys(inventory.items)])].sort(),
    [licenses, inventory],
  );
  // One row per license item: at most ITEM_OPTIONS_LIMIT drawn, with a search (item-options.ts).
  const { capped, query, setQuery } = useCapped(items, nameOfItem);
  // Peaks of this period and inventory only: while they are computed the cells say "…".
  const asked = useQuery(async () => {
    const v = await vault();
    const settings = { zone, asOf, holdMinutes };
    // The page's kept sweep, when it is of these settings, gives every peak without a sweep in SQL.
    const byProject = new Map<string, number>();
    for (const p of projectsOf(inventory))
      byProject.set(p.name, await setPeak(v.db, p.items, settings, period.startMs, period.endMs, v.usage));
    const all = [...new Set([...licenses, ...Object.keys(inventory.items)])].sort();
    const byItem = await itemPeaks(v.db, all, settings, period.startMs, period.endMs, v.usage);
    return { projects: byProject, items: byItem };
  }, [vault, inventory, licenses, zone, asOf, holdMinutes, period]);
  const peaks = asked.data ?? null;

  const peakCell = (n: number | undefined) => (peaks === null ? (asked.error ? '—' : '…') : formatCount(n ?? 0));

  return (
    <>
      <h2 tabIndex={-1}>Projects</h2>
      <p className="muted">
        A project groups license items; its usage is theirs counted together at each instant. Open a project or an item
        for its pies (all history, the selected period, today), its trend and its usage in 2-hour intervals.
      </p>
      <QueryError error={asked.error} lead="The peaks could not be computed" />
      {projects.length === 0 ? (
        <div className="portal-empty" role="note">
          <p>
            <strong>No projects yet.</strong> Projects come from the inventory: each license item names the projects it
            serves (the Projects column of the Inventory tab, or an imported inventory file).
          </p>
          <p>
            Set them in the Inventory tab, or use the sample inventory there to see the sample organisation’s projects.
            The items below have pages of their own already.
          </p>
          {props.onInventory && (
            <button type="button" className="button" onClick={props.onInventory}>
              Open the Inventory tab
            </button>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table aria-label="Projects" aria-busy={asked.pending}>
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">License items</th>
                <th scope="col" className="num">
                  Capacity
                </th>
                <th scope="col" className="num">
                  Peak in the period
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p: Project) => {
                const c = capacityOfSet(inventory, p.items);
                const peak = peaks?.projects.get(p.name);
                return (
                  <tr key={p.name}>
                    <th scope="row">
                      <ProjectLink name={p.name} onPage={onPage} />
                    </th>
                    <td>
                      <PageLinks kind="item" names={p.items} onPage={onPage} />
                    </td>
                    <td className="num">{cap(c)}</td>
                    <td className="num">
                      {peakCell(peak)}
                      {c !== null && peak !== undefined && (
                        <span className="muted"> ({Math.round((peak / c) * 100)} %)</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3>License items</h3>
      <ItemSearch label="Find license items of the projects" total={items.length} query={query} onQuery={setQuery} />
      <div className="table-wrap">
        <table aria-label="License items" aria-busy={asked.pending}>
          <thead>
            <tr>
              <th scope="col">License item</th>
              <th scope="col">Projects</th>
              <th scope="col" className="num">
                Capacity
              </th>
              <th scope="col" className="num">
                Peak in the period
              </th>
            </tr>
          </thead>
          <tbody>
            {capped.shown.map((license) => {
              const ps = projectsOfItem(inventory, license);
              return (
                <tr key={license}>
                  <th scope="row">
                    <ItemLink license={license} onPage={onPage} />
                  </th>
                  <td>
                    <PageLinks kind="project" names={ps} onPage={onPage} />
                  </td>
                  <td className="num">{cap(capacityOfSet(inventory, [license]))}</td>
                  <td className="num">{peakCell(peaks?.items.get(license))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <CappedNote capped={capped} />
    </>
  );
}

function ProjectPage(props: ProjectsViewProps & { name: string }) {
  const { name, inventory, onPage } = props;
  const project = projectsOf(inventory).find((p) => p.name === name);
  if (!project) {
    return (
      <>
        <Crumbs current={name} onPage={onPage} />
        <h2 tabIndex={-1}>Project: {name}</h2>
        <p role="alert" className="messages__problems">
          No license item of the inventory is configured to the project “{name}”. Projects come from the inventory’s{' '}
          <code>projects</code> fields.
        </p>
      </>
    );
  }
  const shared = project.items.filter((i) => projectsOfItem(inventory, i).length > 1);
  return (
    <>
      <Crumbs current={`Project ${name}`} onPage={onPage} />
      <h2 tabIndex={-1}>Project: {name}</h2>
      <div className="portal-facts">
        <p>
          <span className="muted">License items ({project.items.length}):</span>{' '}
        </p>
        <PageLinks kind="item" names={project.items} label="License items of the project" onPage={onPage} />
      </div>
      <p className="muted">
        Usage from all license items configured to the project is counted together.
        {shared.length > 0 &&
          ` ${shared.join(', ')} ${shared.length === 1 ? 'is' : 'are'} also in other projects: the export does not say which project a session was for, so ${shared.length === 1 ? 'its' : 'their'} whole usage counts in each.`}
      </p>
      <UsageStats
        vault={props.vault}
        licenses={project.items}
        inventory={inventory}
        zone={props.zone}
        asOf={props.asOf}
        holdMinutes={props.holdMinutes}
        period={props.period}
        earliest={props.earliest}
        subject={`project ${name}`}
      />
    </>
  );
}

function ItemPage(props: ProjectsViewProps & { license: string }) {
  const { license, inventory, onPage } = props;
  const item = inventoryItem(inventory, license);
  const projects = projectsOfItem(inventory, license);
  const known = item !== undefined || props.licenses.includes(license);
  const validity = validityOn(item, localDateOf(props.zone, props.asOf));
  const tags = Object.entries(item?.tags ?? {});
  if (!known) {
    return (
      <>
        <Crumbs current={license} onPage={onPage} />
        <h2 tabIndex={-1}>{license}</h2>
        <p role="alert" className="messages__problems">
          There is no license item “{license}” in the loaded data or the inventory.
        </p>
      </>
    );
  }
  return (
    <>
      <Crumbs current={license} onPage={onPage} />
      <h2 tabIndex={-1}>{license}</h2>
      <dl className="portal-facts figures" aria-label="About this license item">
        <div className="figure">
          <dt>Tags</dt>
          <dd className="portal-facts__text">
            {tags.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <ul className="tags">
                {tags.map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div className="figure">
          <dt>Capacity</dt>
          <dd className="portal-facts__text" aria-label="Item capacity">
            {item ? (
              <>
                {formatCount(item.regular + item.virtual)}{' '}
                <span className="muted">
                  ({item.regular} regular, {item.virtual} virtual
                  {item.trueUpLimitPercent !== null ? `; True-Up up to ${item.trueUpLimitPercent} %` : ''})
                </span>
              </>
            ) : (
              <span className="muted">not in the inventory</span>
            )}
          </dd>
        </div>
        <div className="figure">
          <dt>Validity period</dt>
          <dd className="portal-facts__text" aria-label="Validity period">
            {item?.validFrom || item?.validTo ? (
              <>
                {item.validFrom ?? '…'} to {item.validTo ?? '…'}{' '}
                <span className={validity === 'valid' ? 'muted' : 'bad'}>({validity} at as-of)</span>
              </>
            ) : (
              <span className="muted">not given in the inventory</span>
            )}
          </dd>
        </div>
        <div className="figure">
          <dt>Projects</dt>
          <dd className="portal-facts__text">
            <PageLinks kind="project" names={projects} label="Projects of the item" onPage={onPage} />
          </dd>
        </div>
      </dl>
      <UsageStats
        vault={props.vault}
        licenses={[license]}
        inventory={inventory}
        zone={props.zone}
        asOf={props.asOf}
        holdMinutes={props.holdMinutes}
        period={props.period}
        earliest={props.earliest}
        subject={license}
      />
    </>
  );
}
