import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTION_LABELS, auditActionLabel, isAuditAction } from '@jixiao/contracts';

/** Every .ts file of the API's sources, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('audit actions: every action the API writes has a label', () => {
  const files = sources(join(__dirname, '..', '..'));
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');

  it('finds each literal action in the label table', () => {
    const literals = [...text.matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)',\s*entityType\b/g)].map((m) => m[1]);
    expect(literals.length).toBeGreaterThan(40);
    expect([...new Set(literals)].filter((a) => !isAuditAction(a))).toEqual([]);
  });

  it('has labels under the prefix of each action built from a workflow step', () => {
    const prefixes = [...text.matchAll(/\baction: `([a-z_.]+)\.\$\{/g)].map((m) => m[1]);
    expect(prefixes.length).toBeGreaterThanOrEqual(3);
    for (const prefix of prefixes) expect(Object.keys(AUDIT_ACTION_LABELS).some((a) => a.startsWith(`${prefix}.`))).toBe(true);
  });

  it('labels a refused request by its method, and knows no label for a stray code', () => {
    expect(auditActionLabel('POST targets/:id/pass')).toEqual({ zh: '操作被拒绝', en: 'Write refused' });
    expect(auditActionLabel('GET audit-logs')).toEqual({ zh: '查询被拒绝', en: 'Read refused' });
    expect(auditActionLabel('auth.login')).toEqual({ zh: '登录', en: 'Sign in' });
    expect(auditActionLabel('no.such_action')).toBeNull();
  });

  it('writes no English label in Chinese and no Chinese label in English', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect([action, /[\u4e00-\u9fff]/.test(label.zh)]).toEqual([action, true]);
      expect([action, /[\u4e00-\u9fff]/.test(label.en)]).toEqual([action, false]);
    }
  });
});
