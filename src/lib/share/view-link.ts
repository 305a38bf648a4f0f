/**
 * The view as a link: everything the page shows (page, tab, selectors,
 * drill-down, open project, the tabs' filters, inventory) in the URL fragment, versioned and
 * validated, plus the data's fingerprint. The fragment is never sent to any
 * server, not even the static host. Untrusted when read: every parameter is
 * checked, and a bad one refuses the link with a message that names it.
 */
import { z } from 'zod';
import { formatDrill, parseDrill, type DrillLevel } from '../dashboard/drill.ts';
import { isoDate } from '../time/calendar-date.ts';
import { TOTAL } from '../usage/total.ts';
import { LICENSE_TYPES } from '../dashboard/license-type.ts';
import { PERIOD_PRESETS } from '../dashboard/periods.ts';
import {
  DASHBOARD_TABS,
  DEFAULT_FILTERS,
  DEFAULT_SETTINGS,
  type DashboardTab,
  type DashboardView,
  type PortalPage,
} from '../dashboard/view.ts';
import { InventorySchema, type Inventory } from '../inventory/schema.ts';
import { formatCount } from '../format.ts';
import { canonicalZone } from '../time/zone.ts';
import { parseHoldMinutes } from '../usage/hold.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { parseFingerprint } from './fingerprint.ts';

export const VIEW_LINK_VERSION = 1;

export type AppPage = 'data' | 'simulate';

export interface ViewLink {
  page: AppPage;
  /** The dashboard's view; the zone is absent when the link leaves it to the reader's browser. */
  view: Omit<DashboardView, 'settings'> & {
    settings: Omit<DashboardView['settings'], 'zone'> & { zone?: string | undefined };
  };
  inventory?: Inventory | undefined;
  /** formatFingerprint() of the data the link was made on. */
  fingerprint?: string | undefined;
}

const TAB_SLUGS: Record<DashboardTab, string> = {
  Overview: 'overview',
  Allocation: 'allocation',
  'Active users': 'users',
  Denials: 'denials',
  Distributions: 'distributions',
  Projects: 'projects',
  Costs: 'costs',
  Plan: 'plan',
  Inventory: 'inventory',
  'Loaded data': 'data',
};
const TAB_OF = new Map(DASHBOARD_TABS.map((t) => [TAB_SLUGS[t], t]));

/** The page does not go further than this: a longer fragment is not one of ours (an inventory of 1,000 items fits). */
export const MAX_VIEW_FRAGMENT = 512 * 1024;
const MAX_INVENTORY_BYTES = 384 * 1024;
/** The longest search a view carries (the page's search fields stop there too). */
export const MAX_SEARCH = 200;
/**
 * The most inventory items a view link carries. Every item is reported on, so
 * a link with 8,000 made one report take minutes; real inventories have tens.
 * The page leaves a larger inventory out of the links it makes, and says so.
 */
export const MAX_LINK_ITEMS = 1000;
/** The longest item or project name a view link carries (inventory names stop at 300, export names may be longer). */
export const MAX_LINK_NAME = 2000;

// Control characters other than tab and line breaks (which a quoted CSV field may hold in a name).
// eslint-disable-next-line no-control-regex -- matching control characters is the point: links may not carry them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const name = z
  .string()
  .min(1, 'is empty')
  .max(MAX_LINK_NAME, `is longer than ${formatCount(MAX_LINK_NAME)} characters`)
  .refine((s) => !CONTROL.test(s), 'holds control characters');
// As the page's zone picker names it: aliases are resolved, and what the picker cannot show (`+05:30`) is refused.
const zone = z
  .string()
  .max(64)
  .transform(
    (name, ctx) => canonicalZone(name) ?? (ctx.addIssue({ code: 'custom', message: 'is not a time zone' }), z.NEVER),
  );

const ParamsSchema = z.object({
  page: z.enum(['data', 'simulate']).default('data'),
  tab: z
    .string()
    .default('overview')
    .transform(
      (s, ctx) =>
        TAB_OF.get(s) ??
        (ctx.addIssue({ code: 'custom', message: `is not one of ${[...TAB_OF.keys()].join(', ')}` }), z.NEVER),
    ),
  period: z.enum(PERIOD_PRESETS).default(DEFAULT_SETTINGS.preset),
  from: isoDate.optional(),
  to: isoDate.optional(),
  zone: zone.optional(),
  item: name.default(TOTAL),
  type: z.enum(LICENSE_TYPES).default(DEFAULT_SETTINGS.licenseType),
  threshold: z.coerce.number().gt(0).max(100).default(DEFAULT_SETTINGS.threshold),
  hold: z
    .string()
    .transform((s, ctx) => {
      const hold = parseHoldMinutes(s);
      if (hold.ok) return hold.minutes;
      ctx.addIssue({ code: 'custom', message: hold.message.replace(/^expected/, 'is not') });
      return z.NEVER;
    })
    .default(DEFAULT_SETTINGS.holdMinutes),
  drill: z
    .string()
    .max(40)
    .default('period')
    .transform(
      (s, ctx) => parseDrill(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a drill-down level' }), z.NEVER),
    ),
  portal: z
    .string()
    .max(2020)
    .default('list')
    .transform(
      (s, ctx) =>
        parsePortal(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a project or item page' }), z.NEVER),
    ),
  q: z
    .string()
    .max(MAX_SEARCH)
    .refine((s) => !CONTROL.test(s), 'holds control characters')
    .default(''),
  dw: z.enum(['last24h', 'last7d', 'period']).default(DEFAULT_FILTERS.denialWindow),
  dq: z
    .string()
    .max(MAX_SEARCH)
    .refine((s) => !CONTROL.test(s), 'holds control characters')
    .default(''),
  fp: z
    .string()
    .max(60)
    .refine((s) => parseFingerprint(s) !== null, 'is not a data fingerprint')
    .optional(),
  inv: z
    .string()
    .max(MAX_INVENTORY_BYTES * 2)
    .optional(),
});

/** The inventory a link carries, or why it is refused: damaged, invalid (naming where) or too many items. */
function readLinkInventory(json: unknown): Inventory | string {
  if (json === null) return 'the inventory it carries is damaged (it is not base64url JSON)';
  const items = (json as { items?: unknown }).items;
  const n = items !== null && typeof items === 'object' ? Object.keys(items).length : 0;
  if (n > MAX_LINK_ITEMS) {
    return `the inventory it carries has ${formatCount(n)} license items, and a view link carries at most ${formatCount(MAX_LINK_ITEMS)}`;
  }
  const inv = InventorySchema.safeParse(json);
  if (inv.success) return inv.data;
  const issue = inv.error.issues[0]!;
  const where = issue.path.map(String).join('.').slice(0, 120);
  return `the inventory it carries is damaged (${where ? `${where}: ` : ''}${issue.message.slice(0, 160)})`;
}

function parsePortal(text: string): PortalPage | null {
  if (text === 'list') return { kind: 'list' };
  const sep = text.indexOf(':');
  const value = text.slice(sep + 1);
  if (sep < 0 || !name.safeParse(value).success) return null;
  const kind = text.slice(0, sep);
  if (kind === 'project') return { kind: 'project', name: value };
  if (kind === 'item') return { kind: 'item', license: value };
  return null;
}

function formatPortal(p: PortalPage): string {
  return p.kind === 'list' ? 'list' : p.kind === 'project' ? `project:${p.name}` : `item:${p.license}`;
}

/** The fragment (without '#') for a view. Defaults are left out, so links stay short. */
export function encodeViewLink(link: ViewLink): string {
  const { settings: s, tab, drill, portal, filters } = link.view;
  const p = new URLSearchParams();
  p.set('v', String(VIEW_LINK_VERSION));
  if (link.page !== 'data') p.set('page', link.page);
  if (tab !== 'Overview') p.set('tab', TAB_SLUGS[tab]);
  if (s.preset !== DEFAULT_SETTINGS.preset) p.set('period', s.preset);
  if (s.preset === 'custom' && s.customFrom) p.set('from', s.customFrom);
  if (s.preset === 'custom' && s.customTo) p.set('to', s.customTo);
  if (s.zone) p.set('zone', s.zone);
  if (s.item !== TOTAL) p.set('item', s.item);
  if (s.licenseType !== DEFAULT_SETTINGS.licenseType) p.set('type', s.licenseType);
  if (s.threshold !== DEFAULT_SETTINGS.threshold) p.set('threshold', String(s.threshold));
  if (s.holdMinutes !== DEFAULT_SETTINGS.holdMinutes) p.set('hold', String(s.holdMinutes));
  if (drill.kind !== 'period') p.set('drill', formatDrill(drill));
  if (portal.kind !== 'list') p.set('portal', formatPortal(portal));
  if (filters.users !== '') p.set('q', filters.users);
  if (filters.denialWindow !== DEFAULT_FILTERS.denialWindow) p.set('dw', filters.denialWindow);
  if (filters.denials !== '') p.set('dq', filters.denials);
  if (link.fingerprint) p.set('fp', link.fingerprint);
  if (link.inventory && linkCarriesInventory(link.inventory)) {
    p.set('inv', toBase64Url(new TextEncoder().encode(JSON.stringify(link.inventory))));
  }
  return p.toString();
}

/** Whether a view link takes `inventory` along: it has items, and no more than MAX_LINK_ITEMS. */
export function linkCarriesInventory(inventory: Inventory): boolean {
  const n = Object.keys(inventory.items).length;
  return n > 0 && n <= MAX_LINK_ITEMS;
}

export type ViewLinkResult = { ok: true; link: ViewLink } | { ok: false; message: string };

/** True when a fragment is meant as a view link (it has `v=`), whether or not it is valid. */
export function isViewFragment(fragment: string): boolean {
  return new URLSearchParams(fragment).has('v');
}

/** Reads a fragment (without '#') back into a view, or says what is wrong with it. */
export function decodeViewLink(fragment: string): ViewLinkResult {
  const refuse = (why: string): ViewLinkResult => ({
    ok: false,
    message: `This link cannot be opened: ${why}. The page opens as usual instead.`,
  });
  if (fragment.length > MAX_VIEW_FRAGMENT) return refuse('it is far longer than any view link the page makes');
  const params = new URLSearchParams(fragment);
  const version = params.get('v');
  if (version !== String(VIEW_LINK_VERSION)) {
    return refuse(
      /^\d+$/.test(version ?? '') && Number(version) > VIEW_LINK_VERSION
        ? `it was made by a newer version of vaultlens (view version ${version}; this page reads version ${VIEW_LINK_VERSION})`
        : `its version is not one this page knows (v=${(version ?? '').slice(0, 20)})`,
    );
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (k !== 'v') raw[k] = v;
  const parsed = ParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return refuse(`the parameter “${issue.path.map(String).join('.')}” ${issue.message}`);
  }
  const q = parsed.data;
  let inventory: Inventory | undefined;
  if (q.inv !== undefined) {
    const bytes = fromBase64Url(q.inv);
    let json: unknown;
    try {
      json = bytes ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) : null;
    } catch {
      json = null;
    }
    const inv = readLinkInventory(json);
    if (typeof inv === 'string') return refuse(inv);
    inventory = inv;
  }
  const drill: DrillLevel = q.drill;
  return {
    ok: true,
    link: {
      page: q.page,
      view: {
        settings: {
          preset: q.period,
          customFrom: q.period === 'custom' ? q.from : undefined,
          customTo: q.period === 'custom' ? q.to : undefined,
          zone: q.zone,
          item: q.item,
          licenseType: q.type,
          threshold: q.threshold,
          holdMinutes: q.hold,
        },
        tab: q.tab,
        drill,
        portal: q.portal,
        filters: { users: q.q, denialWindow: q.dw, denials: q.dq },
      },
      inventory,
      fingerprint: q.fp,
    },
  };
}
