import { runAudit } from '../src/audit/runAudit.js';
import type { HandoffPolicy } from '../src/domain/index.js';
import { createFakeHubSpot } from '../src/fake-hubspot/fakeHubSpot.js';
import { HUBSPOT_LIMITS } from '../src/fake-hubspot/http/rateLimits.js';
import { serveFakeHubSpot } from '../src/fake-hubspot/serve.js';
import { hubspotClient } from '../src/hubspot/hubspotClient.js';
import { HubSpotCrmGateway } from '../src/hubspot/hubspotCrmGateway.js';
import { DEFAULT_RETRY } from '../src/hubspot/retryPolicy.js';

export interface BulkAuditResult {
  contacts: number;
  mqls: number;
  timeScale: number;
  searchPages: number;
  ceilingPerSecond: number;
  achievedPerSecond: number;
  fractionOfCeiling: number;
  seconds: number;
  theoreticalMinimumSeconds: number;
  overMinimum: number;
  rateLimited: number;
  retriesHandled: number;
  auditMqlsCorrect: boolean;
}

/**
 * The audit of a large portal on the fake with HubSpot's Professional limits enforced (search:
 * 5 requests a second), time running `timeScale` times faster so the real request pattern takes
 * seconds. The audit sends its search pages as fast as it can and honours each 429's Retry-After.
 */
export async function bulkAuditBench(policy: HandoffPolicy, contacts: number, timeScale: number): Promise<BulkAuditResult> {
  const now = Date.parse('2026-11-25T10:00:00Z');
  const fake = createFakeHubSpot({ rateLimits: false, now: () => now });
  const from = Date.parse('2026-08-01T00:00:00Z');
  let mqls = 0;
  for (let i = 0; i < contacts; i++) {
    const values = new Map<string, string | null>([
      ['email', `lead${i}@bulk${i % 997}.ie`],
      ['lifecyclestage', 'lead'],
      ['hs_analytics_source', i % 3 ? 'ORGANIC_SEARCH' : 'PAID_SEARCH'],
    ]);
    const record = fake.store.create('contacts', values, { sourceType: 'IMPORT' }, from);
    if (i % 5 !== 0) {
      // 80 % became MQLs last quarter, HubSpot's calculated date stamped as it would be.
      fake.store.update(record, new Map([['lifecyclestage', 'marketingqualifiedlead']]), { sourceType: 'IMPORT' }, from + (i % 60) * 86_400_000);
      mqls++;
    }
  }
  fake.limits.configure({ ...HUBSPOT_LIMITS.professional, timeScale });
  const running = await serveFakeHubSpot(fake);
  let retries = 0;
  try {
    const crm = new HubSpotCrmGateway(hubspotClient({ accessToken: 'bench', baseUrl: running.url }), { ...DEFAULT_RETRY, searchLimit: { calls: HUBSPOT_LIMITS.professional.searchPerSecond, windowMs: 1000 / timeScale }, attempts: 20, budgetMs: 600_000, onRetry: () => void retries++ });
    fake.calls.reset();
    const t0 = performance.now();
    const audit = await runAudit({ crm, policy, now: () => new Date(now) }, '2026-Q3');
    const seconds = (performance.now() - t0) / 1000;
    const pages = fake.calls.count('POST /crm/objects/2026-03/contacts/search', 200);
    const ceiling = HUBSPOT_LIMITS.professional.searchPerSecond * timeScale;
    const achieved = pages / seconds;
    return {
      contacts,
      mqls,
      timeScale,
      searchPages: pages,
      ceilingPerSecond: ceiling,
      achievedPerSecond: Math.round(achieved * 10) / 10,
      fractionOfCeiling: Math.round((achieved / ceiling) * 100) / 100,
      seconds: Math.round(seconds * 100) / 100,
      theoreticalMinimumSeconds: Math.round((pages / ceiling) * 100) / 100,
      overMinimum: Math.round((seconds / (pages / ceiling)) * 100) / 100,
      rateLimited: fake.calls.count('**', 429),
      retriesHandled: retries,
      auditMqlsCorrect: audit.funnel.mql === mqls,
    };
  } finally {
    await running.close();
  }
}
