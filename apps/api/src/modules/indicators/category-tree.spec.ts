import { buildTree, categoryPaths, CategoryRow, descendantIds, stableCategoryId } from './category-tree';

const rows: CategoryRow[] = [
  { id: 's1', parentId: null, name: '教育', level: 'sector', sector: 'education', version: 1 },
  { id: 'd1', parentId: 's1', name: '基础教育', level: 'domain', sector: 'education', version: 1 },
  { id: 'l1', parentId: 'd1', name: '产出', level: 'level', sector: 'education', version: 1 },
  { id: 'l2', parentId: 'd1', name: '效益', level: 'level', sector: 'education', version: 1 },
  { id: 's2', parentId: null, name: '卫生健康', level: 'sector', sector: 'health', version: 1 },
];

describe('indicator category tree', () => {
  it('nests nodes and sums indicator counts upwards', () => {
    const tree = buildTree(rows, new Map([['l1', 3], ['l2', 2], ['s2', 1]]));
    const edu = tree.find((n) => n.id === 's1')!;
    expect(edu.indicatorCount).toBe(5);
    expect(edu.children[0].indicatorCount).toBe(5);
    expect(edu.children[0].children.map((c) => c.id).sort()).toEqual(['l1', 'l2']);
    expect(tree.find((n) => n.id === 's2')!.indicatorCount).toBe(1);
  });

  it('gives each node its path of names', () => {
    expect(categoryPaths(rows).get('l2')).toEqual(['教育', '基础教育', '效益']);
    expect(categoryPaths(rows).get('s2')).toEqual(['卫生健康']);
  });

  it('lists a node with its descendants', () => {
    expect(descendantIds(rows, 's1').sort()).toEqual(['d1', 'l1', 'l2', 's1']);
    expect(descendantIds(rows, 'l1')).toEqual(['l1']);
  });
});

describe('stable category ids', () => {
  it('are well-formed UUIDs, the same for the same path and different for another', () => {
    const a = stableCategoryId(['综合', '通用', '产出']);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableCategoryId(['综合', '通用', '产出'])).toBe(a);
    expect(stableCategoryId(['综合', '通用', '效益'])).not.toBe(a);
  });
});
