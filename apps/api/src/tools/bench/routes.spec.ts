import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOT_BENCHED, pickRoute, routePath, ROUTES, type BareScope } from './routes';

/** The API's reads, from the OpenAPI document the SPA's client is generated from (libs/api-client, checked by client:check). */
function apiReads(): string[] {
  const schema = readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'libs', 'api-client', 'src', 'schema.ts'), 'utf8');
  const reads: string[] = [];
  let path: string | undefined;
  for (const line of schema.split('\n')) {
    const opened = /^ {4}"\/api\/v1(\/[^"]*)": \{$/.exec(line);
    if (opened) path = opened[1];
    else if (/^ {4}\S/.test(line)) path = undefined;
    else if (path && /^ {8}get: operations\[/.test(line)) reads.push(path.replace(/\{[^}]+\}/g, ':id'));
  }
  return reads;
}

const city: BareScope = { where: () => 'true', params: [] };
const department: BareScope = { where: (column) => `${column} = ANY($1::uuid[])`, params: [['00000000-0000-0000-0000-000000000000']] };

describe('bench routes table', () => {
  it('names every read once and gives each a path under /api/v1 and a user', () => {
    expect(new Set(ROUTES.map((r) => r.name)).size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      const path = routePath(route, () => 1234);
      expect(path).toMatch(/^\/[a-z]/);
      expect(route.users.length).toBeGreaterThan(0);
    }
  });

  it('gives every row one bare statement answering a body, scoped to the department when asked', () => {
    for (const route of ROUTES) {
      for (const scope of [city, department]) {
        const sql = route.bare(scope);
        expect(sql).toMatch(/\bAS body\b/);
        // A department's statement uses its organizations (unless the row is the city's only).
        if (scope === department && route.users.includes('edu')) expect(sql).toContain('= ANY($1::uuid[])');
      }
    }
  });

  it('covers the reads issue 10 lists, the monitoring and evaluation modules, pre-assessments, key project lists and the details read in one statement', () => {
    const paths = ROUTES.map((r) => routePath(r, () => 1).split('?')[0]);
    for (const p of [
      '/projects',
      '/projects/:id',
      '/organizations',
      '/organizations/:id',
      '/budget-gate',
      '/budget-gate/coverage',
      '/budget-gate/coverage/missing',
      '/targets',
      '/targets/:id',
      '/pre-assessments',
      '/pre-assessments/:id',
      '/key-project-lists',
      '/key-project-lists/:id',
      '/key-project-lists/coverage-plan',
      '/projects/export',
      '/trackings',
      '/trackings/:id',
      '/trackings/coverage',
      '/trackings/dashboard',
      '/evaluations',
      '/evaluations/:id',
      '/evaluations/coverage',
      '/evaluations/finance-key/candidates',
    ]) {
      expect(paths).toContain(p);
    }
  });
  it('lets the bare server tell apart the rows of one path by their query, values included', () => {
    const pathOf = (r: (typeof ROUTES)[number]) => routePath(r, () => 1234);
    for (const route of ROUTES) {
      const [path, query = ''] = pathOf(route).split('?');
      const samePath = ROUTES.filter((r) => pathOf(r).split('?')[0] === path);
      expect({ route: route.name, picked: pickRoute(samePath, new URLSearchParams(query)).name }).toEqual({
        route: route.name,
        picked: route.name,
      });
    }
  });

  it('measures every read of the API or says why not (a new read is added to the table or to NOT_BENCHED)', () => {
    const reads = apiReads();
    // the reader found the document's reads (a changed layout of schema.ts would leave it empty)
    expect(reads).toEqual(expect.arrayContaining(['/projects', '/projects/:id', '/audit-logs', '/workbench']));
    const measured = new Set(ROUTES.map((r) => routePath(r).split('?')[0]));
    expect(reads.filter((p) => !measured.has(p) && !(p in NOT_BENCHED))).toEqual([]);
    // and nothing listed as unmeasured is measured or gone
    expect(Object.keys(NOT_BENCHED).filter((p) => measured.has(p) || !reads.includes(p))).toEqual([]);
  });
});
