import { seededRandom } from '../src/lib/seededRandom.js';

/** What happens to one lead in the soak, decided up front from the seed. */
export interface HandoffScript {
  n: number;
  contact: Record<string, string>;
  company: Record<string, string>;
  /** Sales touches the lead before the SLA check. */
  touched: boolean;
  outcome: { action: 'accept' } | { action: 'reject'; reasonCode: string } | { action: 'recycle'; reasonCode: string } | undefined;
  /** Accepted leads that become a deal. */
  converts: boolean;
  /** Which deliveries HubSpot sends twice (once at the same time, once after). */
  duplicate: Record<'route' | 'check' | 'outcome' | 'convert', 'none' | 'concurrent' | 'sequential'>;
}

const REASONS = ['not-a-fit', 'no-budget', 'bad-timing', 'no-response', 'duplicate'];

/** Irish and UK MQLs of every routing path: territory (IE, GB), enterprise, and named accounts. */
export function handoffScripts(count: number, seed: number, duplicateRate: number): HandoffScript[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const dup = () => (random() < duplicateRate ? (random() < 0.5 ? 'concurrent' : 'sequential') : 'none');
  return Array.from({ length: count }, (_, n) => {
    const kind = pick(['ie-hot', 'ie-standard', 'gb-standard', 'gb-hot', 'enterprise', 'account'] as const);
    const ie = kind.startsWith('ie');
    const domain = `soak${n}.${ie ? 'ie' : 'co.uk'}`;
    const contact: Record<string, string> = {
      email: `lead${n}@${domain}`,
      firstname: 'Soak',
      lastname: `Lead ${n}`,
      jobtitle: 'Operations Director',
      country: ie ? 'Ireland' : 'United Kingdom',
      state: ie ? 'Dublin' : 'England',
      lifecyclestage: 'lead',
      ...(kind.endsWith('hot') ? { recent_conversion_event_name: 'Book a demo' } : { hubspotscore: String(60 + Math.floor(random() * 40)), recent_conversion_event_name: 'Guide: lead routing' }),
    };
    const company: Record<string, string> = {
      name: `Soak Company ${n}`,
      domain,
      country: contact.country!,
      numberofemployees: kind === 'enterprise' ? String(250 + Math.floor(random() * 2000)) : String(10 + Math.floor(random() * 200)),
      ...(kind === 'account' ? { hubspot_owner_id: pick(['102', '103', '202', '203']) } : {}),
    };
    const r = random();
    const outcome = r < 0.5 ? { action: 'accept' as const } : r < 0.75 ? { action: 'reject' as const, reasonCode: pick(REASONS) } : r < 0.9 ? { action: 'recycle' as const, reasonCode: 'nurture' } : undefined;
    return {
      n,
      contact,
      company,
      touched: random() < 0.7,
      outcome,
      converts: outcome?.action === 'accept' && random() < 0.4,
      duplicate: { route: dup(), check: dup(), outcome: dup(), convert: dup() },
    };
  });
}
