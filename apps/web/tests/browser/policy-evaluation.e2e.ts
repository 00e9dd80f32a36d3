/**
 * The evaluation rules of the policy profile (schema 4) are edited on the policy-profile page and
 * saved through the server's validation: the "=" tolerance of self-evaluations and a template item.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_URL, api, login, shot, token, useBrowser } from './support';

/** The whole profile form is a large page: its first render gets longer than the default wait on a loaded machine. */
const FORM_RENDER = { timeout: 60_000 };

/** The part of the profile's values this test reads (the browser tests do not import the libs). */
interface PolicyProfileValues {
  evaluation: {
    selfEvaluation: { equalTolerancePct: number };
    templates: Record<string, { dimensions: { items: { points: number }[] }[] }>;
  } & Record<string, unknown>;
}

const browser = useBrowser();
let original: { version: number; values: PolicyProfileValues } | undefined;

afterAll(async () => {
  // Put the 2022 numbers back for the other browser tests.
  if (original) {
    const finance = await token('finance');
    const current = await api<{ version: number }>('GET', '/api/v1/policy-profiles/2022', finance);
    await api('PUT', '/api/v1/policy-profiles/2022', finance, { version: current.body.version, values: original.values });
  }
});

describe('policy profile: evaluation rules', () => {
  it('finance changes the "=" tolerance and a policy-template item, and the server keeps them', async () => {
    const finance = await token('finance');
    original = (await api<{ version: number; values: PolicyProfileValues }>('GET', '/api/v1/policy-profiles/2022', finance)).body;
    expect(original.values.evaluation.selfEvaluation.equalTolerancePct).toBe(5);

    const page = await browser.page();
    await login(page, 'finance');
    await page.goto(`${BASE_URL}/system/policy-profiles/2022`);
    await page.locator('[data-testid=policy-self-evaluation]').waitFor(FORM_RENDER);
    const tolerance = page.locator('[data-testid=policy-equal-tolerance] input');
    await tolerance.fill('3');
    await tolerance.blur();

    // The policy template: move one point from one decision item to another, keeping the sums.
    const templates = page.locator('[data-testid=policy-templates]');
    await page.locator('[data-testid=policy-templates-show]').click();
    await templates.getByRole('tab', { name: '政策', exact: true }).click();
    const items = page.locator('[data-testid=policy-template-policy] [data-testid=policy-template-item]');
    await expect.poll(() => items.count()).toBe(17);
    const points = (n: number) => items.nth(n).locator('.el-input-number input');
    await points(0).fill('6');
    await points(0).blur();
    await points(1).fill('4');
    await points(1).blur();
    await shot(page, 'policy-evaluation-rules');

    await page.locator('[data-testid=policy-save]').click();
    await expect
      .poll(async () => (await api<{ version: number }>('GET', '/api/v1/policy-profiles/2022', finance)).body.version)
      .toBe(original.version + 1);
    const saved = (await api<{ values: PolicyProfileValues }>('GET', '/api/v1/policy-profiles/2022', finance)).body.values;
    expect(saved.evaluation.selfEvaluation.equalTolerancePct).toBe(3);
    expect(saved.evaluation.templates.policy.dimensions[0].items.slice(0, 2).map((i) => i.points)).toEqual([6, 4]);
    // Everything else came back as it was sent.
    expect({ ...saved.evaluation, selfEvaluation: null, templates: null }).toEqual({
      ...original.values.evaluation,
      selfEvaluation: null,
      templates: null,
    });
    await page.close();
  });

  it('a template that no longer adds up is refused on the page with the field marked', async () => {
    const page = await browser.page();
    await login(page, 'finance');
    await page.goto(`${BASE_URL}/system/policy-profiles/2022`);
    await page.locator('[data-testid=policy-templates-show]').click(FORM_RENDER);
    const items = page.locator('[data-testid=policy-template-project] [data-testid=policy-template-item]');
    await expect.poll(() => items.count()).toBe(20);
    const first = items.nth(0).locator('.el-input-number input');
    await first.fill('9');
    await first.blur();
    const finance = await token('finance');
    const before = (await api<{ version: number }>('GET', '/api/v1/policy-profiles/2022', finance)).body.version;
    await page.locator('[data-testid=policy-save]').click();
    await expect
      .poll(() => page.locator('[data-testid=policy-templates]').innerText())
      .toContain('二级指标分值合计 25，应为该一级指标权重 20');
    expect((await api<{ version: number }>('GET', '/api/v1/policy-profiles/2022', finance)).body.version).toBe(before);
    await page.close();
  });
});
