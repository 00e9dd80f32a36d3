import { createHash } from 'node:crypto';
/** Pure helpers over the indicator category tree (sector → domain → level). */
export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  level: 'sector' | 'domain' | 'level';
  sector: string;
  version: number;
}

export interface CategoryNode extends CategoryRow {
  indicatorCount: number;
  children: CategoryNode[];
}

/** Builds the tree; `counts` are indicators directly under a node and are summed upwards. Siblings sorted by name. */
export function buildTree(rows: readonly CategoryRow[], counts: ReadonlyMap<string, number>): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(rows.map((r) => [r.id, { ...r, indicatorCount: counts.get(r.id) ?? 0, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (list: CategoryNode[]): number => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    let sum = 0;
    for (const n of list) {
      n.indicatorCount += finish(n.children);
      sum += n.indicatorCount;
    }
    return sum;
  };
  finish(roots);
  return roots;
}

/** Names from the root down to each node, by id. */
export function categoryPaths(rows: readonly CategoryRow[]): Map<string, string[]> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string[]>();
  const pathOf = (id: string, seen: Set<string>): string[] => {
    const known = out.get(id);
    if (known) return known;
    const row = byId.get(id);
    if (!row || seen.has(id)) return [];
    seen.add(id);
    const path = [...(row.parentId ? pathOf(row.parentId, seen) : []), row.name];
    out.set(id, path);
    return path;
  };
  for (const r of rows) pathOf(r.id, new Set());
  return out;
}

/** A node and everything below it. */
export function descendantIds(rows: readonly CategoryRow[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentId) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.includes(id)) continue;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * A stable UUID for a category path (name-based, SHA-1, like a v5 UUID), so that the demo
 * library's nodes have the same ids in every database and documented examples can name one.
 */
export function stableCategoryId(path: readonly string[]): string {
  const hex = createHash('sha1').update(`jixiao:indicator-category:${path.join('/')}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
