/**
 * Whether an organisation may have the Organization True-Up plan (docs/DOMAIN.md
 * §4): 50 or more active subscriptions, at least 10 of them for one IDE or .NET
 * tool. A scenario that would not qualify says so instead of pretending.
 */
import type { CatalogItem } from './catalog.ts';

export const ORGANIZATION_MIN_SUBSCRIPTIONS = 50;
export const ORGANIZATION_MIN_OF_ONE_TOOL = 10;

/** Why these capacities do not qualify for Organization True-Up; empty when they do. */
export function organizationTrueUpProblems(
  capacity: Readonly<Record<string, number>>,
  catalog: readonly CatalogItem[],
): string[] {
  const problems: string[] = [];
  const total = Object.values(capacity).reduce((sum, n) => sum + n, 0);
  if (total < ORGANIZATION_MIN_SUBSCRIPTIONS)
    problems.push(
      `Organization True-Up needs ${ORGANIZATION_MIN_SUBSCRIPTIONS} or more subscriptions; this scenario has ${total}.`,
    );
  // Packs are not "one IDE or .NET tool": only items of those kinds count here.
  const tools = catalog.filter((c) => c.kind === 'ide' || c.kind === 'dotnet-tool');
  const most = tools.reduce((m, c) => Math.max(m, capacity[c.name] ?? 0), 0);
  if (most < ORGANIZATION_MIN_OF_ONE_TOOL)
    problems.push(
      `Organization True-Up needs at least ${ORGANIZATION_MIN_OF_ONE_TOOL} subscriptions of one IDE or .NET tool; this scenario has at most ${most}.`,
    );
  return problems;
}
