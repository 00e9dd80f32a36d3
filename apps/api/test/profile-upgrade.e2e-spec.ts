/**
 * Issue 6, "The policy profile grows": a database saved by the previous release holds profiles of
 * schema 1. The start applies the versioned upgrade steps, validates, saves and audits each one,
 * so the profile reads and validates afterwards; a profile saved by a newer release stops the start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY_PROFILE, PROFILE_SCHEMA_VERSION, validatePolicyProfile } from '@jixiao/domain';
import { BootstrapService } from '../src/modules/demo/bootstrap.service';
import { startTestApp, TestApp } from './support/test-app';

const SCHEMA_1 = JSON.parse(
  readFileSync(join(__dirname, '../../../libs/domain/src/fixtures/policy-profile-2022.schema-1.json'), 'utf8'),
);

describe('policy profiles saved by an earlier release', () => {
  let t: TestApp;
  let finance: string;

  beforeAll(async () => {
    t = await startTestApp();
    finance = await t.login('finance');
  });
  afterAll(async () => t?.close());

  it('are upgraded at start, keep what the bureau set, validate, and the steps are audited', async () => {
    const stored = structuredClone(SCHEMA_1);
    stored.keyProjects.amountThreshold = '5500000.00';
    expect(validatePolicyProfile(stored).length).toBeGreaterThan(0);
    await t.sql(`INSERT INTO policy_profiles (year, values, schema_version) VALUES (2013, $1::jsonb, 1)`, [
      JSON.stringify(stored),
    ]);
    const [{ max }] = await t.sql<{ max: string }>(`SELECT max(id)::text AS max FROM audit_logs`);

    await t.running.app.get(BootstrapService).run();

    const res = await t.request('GET', '/api/v1/policy-profiles/2013', { token: finance });
    expect(res.status).toBe(200);
    expect(validatePolicyProfile(res.body.values)).toEqual([]);
    expect(res.body.values).toEqual({
      ...DEFAULT_POLICY_PROFILE,
      keyProjects: { ...DEFAULT_POLICY_PROFILE.keyProjects, amountThreshold: '5500000.00' },
      // No published calendar for 2013 in this release: weekends only, for the bureau to fill in.
      workingCalendar: { holidays: [], makeUpWorkingDays: [] },
    });
    expect(await t.sql(`SELECT schema_version FROM policy_profiles WHERE year = 2013`)).toEqual([
      { schema_version: PROFILE_SCHEMA_VERSION },
    ]);
    const audit = await t.sql<{ action: string; entity_id: string; after: { schemaVersion: number; steps: unknown[] } }>(
      `SELECT action, entity_id, after FROM audit_logs WHERE id > $1 AND action = 'policy_profile.upgrade'`,
      [max],
    );
    expect(audit.map((a) => [a.entity_id, a.after.schemaVersion])).toEqual([['2013', PROFILE_SCHEMA_VERSION]]);
    expect(audit[0].after.steps.length).toBe(PROFILE_SCHEMA_VERSION - 1);

    // The upgraded profile is edited like any other.
    const put = await t.request('PUT', '/api/v1/policy-profiles/2013', {
      token: finance,
      body: { version: res.body.version, values: res.body.values },
    });
    expect(put.status).toBe(200);
  });

  it('a second start changes nothing', async () => {
    const before = await t.sql(`SELECT year, version, values FROM policy_profiles ORDER BY year`);
    await t.running.app.get(BootstrapService).run();
    expect(await t.sql(`SELECT year, version, values FROM policy_profiles ORDER BY year`)).toEqual(before);
  });

  it('a profile saved by a newer release stops the start and is left as it was', async () => {
    await t.sql(`UPDATE policy_profiles SET schema_version = $1 WHERE year = 2013`, [PROFILE_SCHEMA_VERSION + 1]);
    await expect(t.running.app.get(BootstrapService).run()).rejects.toThrow(/newer release/);
    expect(await t.sql(`SELECT schema_version FROM policy_profiles WHERE year = 2013`)).toEqual([
      { schema_version: PROFILE_SCHEMA_VERSION + 1 },
    ]);
    await t.sql(`UPDATE policy_profiles SET schema_version = $1 WHERE year = 2013`, [PROFILE_SCHEMA_VERSION]);
  });
});
