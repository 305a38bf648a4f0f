/**
 * Projects and license items, like a license portal's statistics pages
 * (seeds/004): a project page and an item page. (Being built: see issue 7.)
 */
import type { Inventory } from '../../lib/inventory/schema.ts';
import type { Vault } from '../../lib/vault.ts';

/** Which page is open: the list, a project, or one license item. Lives in the URL (view state). */
export type PortalPage = { kind: 'list' } | { kind: 'project'; name: string } | { kind: 'item'; license: string };

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
}

export function ProjectsView({ page }: ProjectsViewProps) {
  return (
    <section className="panel" aria-label="Projects">
      <h2>Projects</h2>
      <p>{page.kind}</p>
    </section>
  );
}
