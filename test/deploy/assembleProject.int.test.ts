import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import { DEMO_OWNERS } from '../../src/fake-hubspot/seed/demoOwners.js';
import { serveFakeHubSpot } from '../../src/fake-hubspot/serve.js';
import { openLedger } from '../../src/ledger/openLedger.js';
import { startServer } from '../../src/server/startServer.js';
import { defaultPolicy, ROOT } from '../support/policyFixtures.js';
import { DEMO_ACCOUNT } from '../../src/fake-hubspot/crm/portalSettings.js';
import { webhookAction } from '../../src/queue/webhookEvents.js';

// HubSpot's parser is ESM-only and jest runs CommonJS, so the deploy step runs as it does for a
// user: `tsx scripts/prepare-deploy.ts`, in a child process.
function prepareDeploy(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-deploy.ts'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const URL_ = 'https://handoff.example.ie';

describe('npm run deploy: the project HubSpot uploads, assembled outside git', () => {
  const outDir = join(mkdtempSync(join(tmpdir(), 'handoff-deploy-')), 'deploy');
  let run: ReturnType<typeof prepareDeploy>;

  beforeAll(() => {
    run = prepareDeploy({ HANDOFF_PUBLIC_URL: URL_, HANDOFF_DEPLOY_DIR: outDir, HANDOFF_CARD_BACKEND: 'fetch' });
  }, 60_000);

  it("passes HubSpot's own parser and our component schemas, with every function and workflow action", () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const components = run.out.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/).slice(0, -1).join(' ')).sort();
    expect(components).toEqual([
      'app handoff_app',
      'app-function handoff_availability',
      'app-function handoff_deal_origin',
      'app-function handoff_health',
      'app-function handoff_policy',
      'app-function handoff_policy_agreement',
      'app-function handoff_policy_evidence',
      'app-function handoff_policy_preview',
      'app-function handoff_policy_review',
      'app-function handoff_record_outcome',
      'app-function handoff_state',
      'app-functions package hubspot-serverless-package-uid',
      'card handoff_contact_card',
      'card handoff_deal_origin_card',
      'page handoff_pages',
      'webhooks handoff_webhooks',
      'workflow-action handoff_action_check_sla',
      'workflow-action handoff_action_record_outcome',
      'workflow-action handoff_action_route_lead',
      'workflow-action handoff_action_start_sla',
    ]);
  });

  it('points the workflow actions and the cards at the server URL from the environment, which git never holds', () => {
    const action = JSON.parse(readFileSync(join(outDir, 'src/app/workflow-actions/record-outcome-hsmeta.json'), 'utf8'));
    expect(action.config.actionUrl).toBe(`${URL_}/hubspot/actions/record-outcome`);
    expect(action.config.inputFields.find((f: { typeDefinition: { name: string } }) => f.typeDefinition.name === 'rejection_reason').typeDefinition.options).toHaveLength(9);
    // "Route lead" asks HubSpot to send the contact's properties with each enrolment (routing from them when no call can be made).
    const route = JSON.parse(readFileSync(join(outDir, 'src/app/workflow-actions/route-lead-hsmeta.json'), 'utf8'));
    expect(route.config.objectRequestOptions.properties).toEqual(expect.arrayContaining(['associatedcompanyid', 'country', 'recent_conversion_event_name', 'hubspot_owner_id']));
    expect(action.config.objectRequestOptions).toBeUndefined();
    expect(readFileSync(join(outDir, 'src/app/cards/lib/backendConfig.ts'), 'utf8')).toContain(`{ kind: 'fetch', baseUrl: "${URL_}" }`);
    expect(readFileSync(join(ROOT, 'src/app/cards/lib/backendConfig.ts'), 'utf8')).toContain("{ kind: 'serverless' }");
    const app = JSON.parse(readFileSync(join(outDir, 'src/app/app-hsmeta.json'), 'utf8'));
    expect(app.config.permittedUrls.fetch).toEqual([URL_]);
    // The webhook subscriptions go to the server, and each is an event Handoff acts on (the company ones feed the account index).
    const hooks = JSON.parse(readFileSync(join(outDir, 'src/app/webhooks/webhooks-hsmeta.json'), 'utf8'));
    expect(hooks.config.settings.targetUrl).toBe(`${URL_}/hubspot/webhooks`);
    const subs = [...hooks.config.subscriptions.legacyCrmObjects, ...hooks.config.subscriptions.crmObjects] as { subscriptionType: string; objectType?: string; propertyName?: string }[];
    expect(subs.map((x) => `${x.subscriptionType}${x.propertyName ? ` ${x.propertyName}` : ''}`)).toEqual(expect.arrayContaining(['company.creation', 'company.deletion', 'company.merge', 'company.propertyChange domain', 'company.propertyChange website', 'company.propertyChange hubspot_owner_id', 'contact.propertyChange lifecyclestage', 'object.propertyChange hs_pipeline_stage']));
    for (const x of subs) {
      const event = { subscriptionType: x.subscriptionType, ...(x.objectType === 'lead' ? { objectTypeId: '0-136' } : {}), ...(x.propertyName ? { propertyName: x.propertyName, propertyValue: 'marketingqualifiedlead' } : {}), changeSource: 'CRM_UI' };
      expect({ ...x, action: webhookAction(event) }).toEqual({ ...x, action: expect.any(String) });
    }
    const grep = spawnSync('git', ['grep', '-l', 'handoff.example.ie', '--', 'src/app', 'hsproject.json'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: grep.status, files: grep.stdout.trim() }).toEqual({ status: 1, files: '' }); // 1: no match
  });

  it('bundles each app function into one file that forwards, signed, to the Handoff server (which holds the ledger), with only its secrets', async () => {
    const file = join(outDir, 'src/app/functions/handoff-state.js');
    expect(statSync(file).size).toBeLessThan(1024 * 1024);
    const meta = JSON.parse(readFileSync(join(outDir, 'src/app/functions/handoff-state-hsmeta.json'), 'utf8'));
    expect(meta.config.secretKeys).toEqual(['HANDOFF_SERVER_URL', 'HANDOFF_CLIENT_SECRET']);
    const fake = createFakeHubSpot({ rateLimits: false });
    for (const owner of DEMO_OWNERS) fake.store.putOwner({ ...owner });
    const hubspot = await serveFakeHubSpot(fake);
    const ledger = await openLedger({ dataDir: 'memory' });
    const server = await startServer({ policy: defaultPolicy(), hubspot: { accessToken: 'pat-server', baseUrl: hubspot.url }, clientSecret: 'app-secret', ledger, port: 0, hostname: '127.0.0.1' });
    // Run the bundle as HubSpot does: plain Node, the function's secrets in the environment, nothing else.
    const call = async (parameters: Record<string, string>, secret = 'app-secret', accountId = DEMO_ACCOUNT.portalId) => {
      const script = `require(${JSON.stringify(file)}).main({ parameters: ${JSON.stringify(parameters)}, accountId: ${accountId} }).then((r) => process.stdout.write(JSON.stringify(r)))`;
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', HANDOFF_SERVER_URL: server.url, HANDOFF_CLIENT_SECRET: secret } });
      return JSON.parse(stdout) as unknown;
    };
    try {
      const check = fake.store.checkWrite('contacts', { email: 'a@acme.ie', country: 'Ireland', jobtitle: 'CFO' });
      if (!check.ok) throw new Error('bad seed');
      const contact = fake.store.create('contacts', check.values, { sourceType: 'IMPORT' });
      expect(await call({ contactId: contact.id })).toMatchObject({ ok: true, data: { stage: 'new', qualification: { stage: 'lead' } } });
      expect(await call({ contactId: 'abc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await call({ contactId: contact.id }, 'wrong-secret')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      // A function running for another portal is refused by the server before any read.
      expect(await call({ contactId: contact.id }, 'app-secret', 99_000_111)).toMatchObject({ ok: false, error: { code: 'WRONG_PORTAL', retryable: false } });
      expect(fake.calls.count('GET /crm/objects/2026-03/contacts/{id}')).toBe(1);
    } finally {
      await server.close();
      await ledger.close();
      await hubspot.close();
    }
  }, 60_000);

  it('refuses a URL that is not https, and a missing one', () => {
    expect(prepareDeploy({ HANDOFF_PUBLIC_URL: 'http://handoff.example.ie', HANDOFF_DEPLOY_DIR: join(outDir, '..', 'x') })).toMatchObject({
      code: 1,
      err: 'HANDOFF_PUBLIC_URL: "http://handoff.example.ie" must be an https:// URL (HubSpot calls only https)\n',
    });
    expect(prepareDeploy({ HANDOFF_PUBLIC_URL: '' }).code).toBe(1);
  });
});
