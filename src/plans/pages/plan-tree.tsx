/**
 * The plan's tree on its page, for a plan of any depth. With P the primary rated
 * tier: tiers above P−2 are headed sections, each item of tier P−2 owns one table
 * whose row groups are its tier-(P−1) items and whose rows are the rated items (柱 →
 * 施策 → table of 事務事業 × 細目 in the sample). A large plan shows each table
 * collapsed — one row per tier-(P−1) item with its counts per year — and opens the
 * one branch the reader chose (`?open=CODE`).
 */
import { fiscalYearLabel } from '../../fiscal/fiscal-year.js';
import type { ScaleCode } from '../../evaluations/summary.js';
import { withPreference } from '../../web/layout.js';
import type { Preferences } from '../../web/preferences.js';
import { DataTable } from '../../web/ui/data-table.js';
import { RatingGrid } from '../../web/ui/rating-grid.js';
import { plt } from '../messages.js';
import type { PlanDetail, PlanTree, TreeNode } from '../plan-queries.js';
import { planPath } from '../plan-urls.js';

export interface TreeView {
  /** Show tables collapsed to counts. */
  collapsed: boolean;
  /** The opened item (`?open=`): its tables are shown in full. */
  open?: OpenedBranch;
}

export interface OpenedBranch {
  level: number;
  /** Ids of the opened item, its ancestors and its descendants. */
  ids: ReadonlySet<number>;
}

interface Ctx {
  plan: PlanDetail;
  years: number[];
  scale: ScaleCode[];
  prefs: Preferences;
  view: TreeView;
  /** Collapsed view: the tier whose items are the rows of the count tables (P−1 unless that is too many). */
  countLevel: number;
}

/**
 * Rows a collapsed view may show in all: above it, the counts move one tier up (a
 * 20,000-item plan shows its 200 施策, not its 4,000 事務事業), so the page stays small.
 */
export const MAX_COLLAPSED_ROWS = 500;

/** The deepest tier above the rated one with at most MAX_COLLAPSED_ROWS items. */
function countLevelOf(tree: PlanTree, primaryLevel: number): number {
  const perLevel = new Map<number, number>();
  for (const node of tree.byId.values()) perLevel.set(node.level, (perLevel.get(node.level) ?? 0) + 1);
  let level = primaryLevel - 1;
  while (level > 1 && (perLevel.get(level) ?? 0) > MAX_COLLAPSED_ROWS) level -= 1;
  return level;
}

function RatedName({ node, prefs }: { node: TreeNode; prefs: Preferences }) {
  return (
    <>
      {node.name}
      {node.endedFromFiscalYear !== null && (
        <>
          {' '}
          <span class="badge">{plt(prefs.lang, 'endedFrom', { year: fiscalYearLabel(node.endedFromFiscalYear, prefs.era) })}</span>
        </>
      )}
    </>
  );
}

/** The rated items of a group, as merged cells do in the report: the group's cell spans its rows. */
function GroupTable({ caption, groups, ctx }: { caption: string; groups: TreeNode[]; ctx: Ctx }) {
  const { plan, prefs } = ctx;
  const level = plan.primaryLevel;
  const rows = groups.map((group) => ({
    header: group.level === level ? '' : group.name,
    rows: (group.level === level ? [group] : group.children).map((item) => ({ header: <RatedName node={item} prefs={prefs} />, ratings: item.ratings })),
  }));
  return (
    <RatingGrid
      caption={caption}
      groupColumn={plan.tiers[level - 2] ?? ''}
      rowColumn={plan.tiers[level - 1] ?? ''}
      fiscalYears={ctx.years}
      era={prefs.era}
      groups={rows}
    />
  );
}

/** Rated items under a node, by level. */
function ratedUnder(node: TreeNode, level: number): TreeNode[] {
  if (node.level === level) return [node];
  return node.level > level ? [] : node.children.flatMap((c) => ratedUnder(c, level));
}

/** "A 3・B 1": a year's counts on the scale, codes with none left out. */
function countsText(items: readonly TreeNode[], fy: number, scale: readonly ScaleCode[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const code = item.ratings.get(fy)?.code;
    if (code !== undefined) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const order = [...scale.map((c) => c.code), ...[...counts.keys()].filter((c) => !scale.some((s) => s.code === c))];
  return order.flatMap((c) => (counts.get(c) ? [`${c} ${counts.get(c)}`] : [])).join('・');
}

/** One row per group with its rated items' counts per year, each row opening its branch. */
function CollapsedTable({ owner, groups, ctx }: { owner: string; groups: TreeNode[]; ctx: Ctx }) {
  const { plan, prefs } = ctx;
  const groupTier = plan.tiers[(groups[0]?.level ?? plan.primaryLevel - 1) - 1] ?? '';
  const ratedTier = plan.tiers[plan.primaryLevel - 1] ?? '';
  const rated = new Map(groups.map((g) => [g.id, ratedUnder(g, plan.primaryLevel)]));
  const base = withPreference(planPath(plan.slug), prefs, {});
  const href = (code: string) => `${base}${base.includes('?') ? '&' : '?'}open=${encodeURIComponent(code)}#ratings`;
  return (
    <DataTable<TreeNode>
      class="collapsed"
      caption={plt(prefs.lang, 'collapsedCaption', { name: owner, tier: groupTier })}
      rows={groups}
      columns={[
        { header: groupTier, rowHeader: true, cell: (g) => <a href={href(g.code)}>{g.name}</a> },
        { header: plt(prefs.lang, 'ratedCount', { tier: ratedTier }), numeric: true, cell: (g) => rated.get(g.id)!.length },
        ...ctx.years.map((fy) => ({ header: fiscalYearLabel(fy, prefs.era), cell: (g: TreeNode) => countsText(rated.get(g.id)!, fy, ctx.scale) })),
      ]}
    />
  );
}

/** The groups of one table owner, shown in full or collapsed as the view says. */
function OwnerTable({ caption, groups, ctx }: { caption: string; groups: TreeNode[]; ctx: Ctx }) {
  const { open, collapsed } = ctx.view;
  if (!collapsed) return <GroupTable caption={caption} groups={groups} ctx={ctx} />;
  const opened = open ? groups.filter((g) => open.ids.has(g.id)) : [];
  if (open && opened.length) {
    // A group or a rated item opened: its group only; the owner or an item above it: every group.
    return <GroupTable caption={caption} groups={open.level >= ctx.plan.primaryLevel - 1 ? opened : groups} ctx={ctx} />;
  }
  return <CollapsedTable owner={caption} groups={groups} ctx={ctx} />;
}

function Heading({ level, children }: { level: number; children: preact.ComponentChildren }) {
  const depth = Math.min(6, level + 2);
  const Tag = `h${depth}` as 'h3';
  return <Tag>{children}</Tag>;
}

/** A headed section per item down to the table owners (tier P−2). */
function Section({ node, ctx }: { node: TreeNode; ctx: Ctx }) {
  const tableLevel = ctx.plan.primaryLevel - 2;
  const tier = ctx.plan.tiers[node.level - 1] ?? '';
  const { collapsed, open } = ctx.view;
  // Counted one tier higher than usual (a very large plan): this item's children are rows, unless opened.
  const countsHere = collapsed && node.level === ctx.countLevel - 1 && ctx.countLevel < ctx.plan.primaryLevel - 1 && !open?.ids.has(node.id);
  let body: preact.ComponentChildren;
  if (countsHere) body = <CollapsedTable owner={node.name} groups={node.children} ctx={ctx} />;
  else if (node.level >= tableLevel) body = <OwnerTable caption={node.name} groups={node.children} ctx={ctx} />;
  else body = node.children.map((child) => <Section node={child} ctx={ctx} />);
  if (node.level === 1) {
    return (
      <section aria-labelledby={`item-${node.id}`}>
        <h3 id={`item-${node.id}`}>
          {tier}：{node.name}
        </h3>
        {body}
      </section>
    );
  }
  return (
    <section aria-label={node.name}>
      <Heading level={node.level}>
        {tier}：{node.name}
      </Heading>
      {body}
    </section>
  );
}

export function PlanTreeView({ plan, tree, scale, prefs, view }: { plan: PlanDetail; tree: PlanTree; scale: ScaleCode[]; prefs: Preferences; view: TreeView }) {
  const ctx: Ctx = {
    plan,
    years: tree.fiscalYears,
    scale,
    prefs,
    view,
    countLevel: view.collapsed ? countLevelOf(tree, plan.primaryLevel) : plan.primaryLevel - 1,
  };
  // Rated tiers at the top two levels have no section above their table: one table for the plan.
  if (plan.primaryLevel <= 2) return <OwnerTable caption={plan.name} groups={tree.roots} ctx={ctx} />;
  // Even the top tier's children are too many to list: the top tier's items are the rows.
  if (view.collapsed && ctx.countLevel === 1 && !view.open) return <CollapsedTable owner={plan.name} groups={tree.roots} ctx={ctx} />;
  return (
    <>
      {tree.roots.map((root) => (
        <Section node={root} ctx={ctx} />
      ))}
    </>
  );
}

/** The branch shown in full when `code` is opened: the item, its ancestors and its descendants. */
export function openBranch(tree: PlanTree, code: string): OpenedBranch | undefined {
  const path: TreeNode[] = [];
  const find = (nodes: readonly TreeNode[]): TreeNode | undefined => {
    for (const n of nodes) {
      path.push(n);
      if (n.code === code) return n;
      const hit = find(n.children);
      if (hit) return hit;
      path.pop();
    }
    return undefined;
  };
  const node = find(tree.roots);
  if (!node) return undefined;
  const ids = new Set(path.map((n) => n.id));
  const down = (n: TreeNode): void => {
    for (const c of n.children) {
      ids.add(c.id);
      down(c);
    }
  };
  down(node);
  return { level: node.level, ids };
}
