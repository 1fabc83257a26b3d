import { qualificationStage, route, slaDue, ownerCalendar, type HandoffPolicy, type Lead, type RoutingSnapshot } from '../src/domain/index.js';
import { seededRandom } from '../src/lib/seededRandom.js';

// Synthetic leads shaped like HubSpot contacts with their company (seeded, so every run is the same).
const PLACES = [
  ['Ireland', 'Dublin', 'D02 X285'],
  ['Ireland', 'Cork', 'T12 K8AF'],
  ['United Kingdom', 'Northern Ireland', 'BT1 5GS'],
  ['United Kingdom', 'England', 'EC2A 4NE'],
  ['United Kingdom', 'Scotland', 'EH1 1YZ'],
  ['United Kingdom', 'Wales', 'CF10 1EP'],
  ['France', 'Île-de-France', '75001'],
] as const;
const CONVERSIONS = ['Book a demo', 'Contact sales', 'Whitepaper', 'Webinar', 'Newsletter'];

export function syntheticLeads(n: number, now: Date, seed = 1): Lead[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const [country, state, zip] = pick(PLACES);
    return {
      contact: {
        id: String(100_000 + i),
        email: rand() < 0.07 ? `lead${i}@gmail.com` : `lead${i}@company${i % 5000}.ie`,
        jobtitle: rand() < 0.9 ? 'Operations Director' : '',
        country,
        state,
        zip,
        hubspotscore: String(Math.floor(rand() * 100)),
        recent_conversion_event_name: pick(CONVERSIONS),
        recent_conversion_date: new Date(now.getTime() - Math.floor(rand() * 40) * 86_400_000).toISOString(),
        hs_analytics_num_page_views: String(Math.floor(rand() * 12)),
        lifecyclestage: 'lead',
      },
      company: { numberofemployees: String(pick([5, 20, 60, 120, 300, 900])), ...(rand() < 0.1 ? { hubspot_owner_id: pick(['102', '103', '202']) } : {}) },
    };
  });
}

export interface EngineResult {
  leads: number;
  runs: number;
  medianMs: number;
  decisionsPerSecond: number;
  microsPerLead: number;
  baselineMs: number;
  baselineLabel: string;
  ratioToBaseline: number;
  peakRssMb: number;
  mqls: number;
}

/** qualify + route + SLA due for every lead, in process; median of `runs`; a JSON.parse baseline on the same leads. */
export function engineBench(policy: HandoffPolicy, n: number, runs: number): EngineResult {
  const now = new Date('2026-11-25T10:00:00Z');
  const leads = syntheticLeads(n, now);
  const snapshot: RoutingSnapshot = { openHandoffs: { '102': 4, '103': 2, '202': 5, '203': 1 }, recentAssignments: [] };
  const json = JSON.stringify(leads);
  let peak = process.memoryUsage().rss;
  const times: number[] = [];
  let mqls = 0;
  for (let r = 0; r < runs; r++) {
    mqls = 0;
    const t0 = performance.now();
    for (const lead of leads) {
      // The verdict from the policy's compiled conditions; the reasons are built for the leads written back.
      if (qualificationStage(lead, policy, now) !== 'mql') continue;
      mqls++;
      const d = route(lead, snapshot, policy, now);
      const tier = policy.sla.tiers.find((t) => t.id === d.slaTierId)!;
      slaDue(now, tier.firstTouchBusinessHours, ownerCalendar(policy, d.ownerId));
    }
    times.push(performance.now() - t0);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const baseline: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    JSON.parse(json);
    baseline.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const medianMs = median(times);
  const baselineMs = median(baseline);
  return {
    leads: n,
    runs,
    medianMs,
    decisionsPerSecond: Math.round(n / (medianMs / 1000)),
    microsPerLead: Math.round((medianMs * 1000 * 100) / n) / 100,
    baselineMs,
    baselineLabel: `JSON.parse of the same ${n} leads (${(json.length / 1e6).toFixed(1)} MB)`,
    ratioToBaseline: Math.round((medianMs / baselineMs) * 10) / 10,
    peakRssMb: Math.round(peak / 1e6),
    mqls,
  };
}
