import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createFakeHubSpot, type FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { serveFakeHubSpot, type RunningFake } from '../../src/fake-hubspot/serve.js';
import { cli } from '../support/cliHarness.js';
import { rawDefaultPolicy } from '../support/policyFixtures.js';

// `handoff setup` against the fake HubSpot over HTTP, as an admin would run it against a portal.
describe('handoff setup', () => {
  let fake: FakeHubSpot;
  let running: RunningFake;
  const run = (...args: string[]) => cli(['setup', '--hubspot-url', running.url, ...args], { env: { HUBSPOT_ACCESS_TOKEN: 'pat-test' } });

  beforeEach(async () => {
    fake = createFakeHubSpot({ rateLimits: false });
    running = await serveFakeHubSpot(fake);
  });
  afterEach(() => running.close());

  it('--dry-run prints the plan and changes nothing; setup applies it; a second setup is a no-op', async () => {
    const dry = await run('--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('setup plan for policy 2026.12.2 (39 changes):');
    expect(dry.out).toContain('contacts: create property group "handoff"');
    expect(dry.out).toContain('contacts: create handoff_rejection_reason (enumeration, 9 options) "Handoff rejection reason"');
    expect(dry.out).toContain('deals: create handoff_source_contact_id (string) "Handoff source contact"');
    expect(dry.out.split('\n').at(-1)).toBe('dry run: nothing was changed');
    expect(fake.store.propertyDefinition('contacts', 'handoff_stage')).toBeUndefined();
    expect(Object.keys(fake.calls.byRoute()).every((r) => r.startsWith('GET '))).toBe(true);

    const applied = await run();
    expect(applied).toMatchObject({ code: 0 });
    expect(applied.out.split('\n').at(-1)).toBe('setup: done');
    expect(fake.store.propertyDefinition('contacts', 'handoff_owner_at_handoff')).toMatchObject({ externalOptions: true, referencedObjectType: 'OWNER' });

    fake.calls.reset();
    const again = await run();
    expect(again.out).toBe('setup: nothing to change (policy 2026.12.2); HubSpot already has every Handoff property');
    expect(Object.keys(fake.calls.byRoute()).every((r) => r.startsWith('GET '))).toBe(true);
  });

  it('sets up a policy with no escalation steps (an enumeration with a hidden placeholder), then follows steps added later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-setup-'));
    const policy = rawDefaultPolicy() as { version: string; escalation: { steps: unknown[] } };
    policy.escalation.steps = [];
    writeFileSync(join(dir, 'none.yaml'), stringify(policy));
    expect(await run('--policy', join(dir, 'none.yaml'))).toMatchObject({ code: 0 });
    expect(fake.store.propertyDefinition('contacts', 'handoff_escalations')!.options).toEqual([expect.objectContaining({ value: 'none', hidden: true })]);
    expect((await run('--policy', join(dir, 'none.yaml'))).out).toContain('nothing to change');

    const withSteps = rawDefaultPolicy();
    writeFileSync(join(dir, 'steps.yaml'), stringify(withSteps));
    await run('--policy', join(dir, 'steps.yaml'));
    const options = fake.store.propertyDefinition('contacts', 'handoff_escalations')!.options;
    expect(options.filter((o) => !o.hidden).map((o) => o.value)).toEqual(['remind', 'manager', 'reassign', 'stuck']);
    expect(options.find((o) => o.value === 'none')).toMatchObject({ hidden: true });
  });

  it('follows the policy when its rejection reasons change, hiding a retired reason rather than deleting it', async () => {
    await run();
    const policy = rawDefaultPolicy() as { version: string; rejectionReasons: { code: string; label: string; outcome: string }[]; hubspot: { leadPipeline: { disqualificationReasons: Record<string, string> } } };
    policy.version = '2026.12.1';
    policy.rejectionReasons = policy.rejectionReasons.filter((r) => r.code !== 'no-budget');
    delete policy.hubspot.leadPipeline.disqualificationReasons.NO_BUDGET; // a retired reason leaves the Leads mapping too
    policy.rejectionReasons.push({ code: 'using-a-partner', label: 'Buying through a partner', outcome: 'disqualify' });
    const file = join(mkdtempSync(join(tmpdir(), 'handoff-setup-')), 'policy.yaml');
    writeFileSync(file, stringify(policy));

    const dry = await run('--policy', file, '--dry-run');
    expect(dry.out).toContain('contacts: update handoff_rejection_reason: add options using-a-partner; hide retired options no-budget (values kept)');
    await run('--policy', file);
    const options = fake.store.propertyDefinition('contacts', 'handoff_rejection_reason')!.options;
    expect(options.find((o) => o.value === 'no-budget')).toMatchObject({ hidden: true, label: 'No budget this year' });
    expect(options.find((o) => o.value === 'using-a-partner')).toMatchObject({ hidden: false });
    expect((await run('--policy', file)).out).toContain('nothing to change');
  });

  describe('with Leads mirrored (hubspot.leads: mirror)', () => {
    const mirrorPolicy = (change: (hubspot: Record<string, unknown>) => void = () => undefined) => {
      const policy = rawDefaultPolicy() as { hubspot?: Record<string, unknown> };
      policy.hubspot = { leads: 'mirror' };
      change(policy.hubspot);
      const file = join(mkdtempSync(join(tmpdir(), 'handoff-setup-')), 'mirror.yaml');
      writeFileSync(file, stringify(policy));
      return file;
    };

    it("checks the lead pipeline and its stages from HubSpot's pipelines API, and sets up as usual when they are there", async () => {
      const r = await run('--policy', mirrorPolicy());
      expect(r).toMatchObject({ code: 0 });
      expect(r.out).not.toContain('CONFLICT');
      expect(fake.calls.byRoute()).toHaveProperty(['GET /crm/pipelines/2026-03/leads/lead-pipeline-id']);
    });

    it('refuses mirror on a portal without Sales Hub Professional or Enterprise, with that reason, before any change', async () => {
      fake.store.portal.salesHub = 'starter';
      const r = await run('--policy', mirrorPolicy());
      expect(r.code).toBe(1);
      expect(r.out).toContain('leads: CONFLICT on hubspot.leads: mirror needs the Leads object, which this portal does not have: Leads come with Sales Hub Professional or Enterprise');
      expect(r.err).toContain('setup stopped before any change');
      expect(fake.store.propertyDefinition('contacts', 'handoff_stage')).toBeUndefined();
    });

    it('names a stage the policy gives that the pipeline lacks, and lists the stages it has', async () => {
      const r = await run('--policy', mirrorPolicy((h) => (h.leadPipeline = { stages: { new: 'new-stage-id', attempting: 'attempting-stage-id', connected: 'talking-stage-id', qualified: 'qualified-stage-id', disqualified: 'unqualified-stage-id' } })), '--dry-run');
      expect(r.out).toContain('leads: CONFLICT on hubspot.leadPipeline.stages.connected: "talking-stage-id" is not a stage of Lead pipeline; its stages are: New (new-stage-id), Attempting (attempting-stage-id), Connected (connected-stage-id), Qualified (qualified-stage-id), Disqualified (unqualified-stage-id)');
    });

    it('names a pipeline that does not exist, and the ones that do', async () => {
      const r = await run('--policy', mirrorPolicy((h) => (h.leadPipeline = { pipeline: 'inbound' })), '--dry-run');
      expect(r.out).toContain('leads: CONFLICT on hubspot.leadPipeline.pipeline: the portal has no lead pipeline "inbound"; its lead pipelines are: Lead pipeline (lead-pipeline-id)');
    });
  });

  it('says which variable to set when there is no token', async () => {
    const r = await cli(['setup', '--dry-run'], { env: {} });
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('HUBSPOT_ACCESS_TOKEN is not set') });
  });
});
