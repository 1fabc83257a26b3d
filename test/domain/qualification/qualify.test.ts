import { qualify } from '../../../src/domain/qualification/qualify.js';
import { defaultPolicy, parsedPolicyWith } from '../../support/policyFixtures.js';
import { mqlLead } from '../../support/leadBuilder.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const policy = defaultPolicy();

describe('qualify against the default policy', () => {
  it('an MQL lists every criterion met, with the values it saw, stamped with the policy version', () => {
    const q = qualify(mqlLead(), policy, NOW);
    expect(q.stage).toBe('mql');
    expect(q.policyVersion).toBe('2026.12.2');
    expect(q.fit).toEqual({ met: true, metCount: 3, total: 3 });
    expect(q.met.map((m) => m.label)).toEqual(expect.arrayContaining(['Based in Ireland or the UK', 'Company has 10 or more employees', 'Asked for a demo or to talk to sales']));
    expect(q.met.find((m) => m.id === 'company-size')).toMatchObject({ saw: '120', expected: 10, within: ['Fit (ideal customer profile)'] });
    expect(q.unmet.map((m) => m.id)).toEqual(['lead-score']);
    expect(q.disqualifiedBy).toBeUndefined();
  });

  // all: every fit criterion is needed; one miss keeps the lead a lead.
  it.each([
    ['country', { contact: { country: 'France' } }],
    ['company-size', { company: { numberofemployees: '9' } }],
    ['job-title', { contact: { jobtitle: '' } }],
  ])('fit is "all": missing %s alone keeps it a lead', (id, overrides) => {
    const q = qualify(mqlLead(overrides), policy, NOW);
    expect(q.stage).toBe('lead');
    expect(q.fit).toMatchObject({ met: false, metCount: 2, total: 3 });
    expect(q.unmet.map((u) => u.id)).toContain(id);
    expect(q.summary).toMatch(/^Not an MQL: \d+ of 7 criteria met \(missing: /);
  });

  // any: one engagement signal is enough, including the nested all-group.
  const noSignal = { recent_conversion_event_name: 'Newsletter signup', hubspotscore: '10', recent_conversion_date: '2026-09-01', hs_analytics_num_page_views: '2' };
  it.each([
    ['no signal at all', {}, false],
    ['demo request only', { recent_conversion_event_name: 'Request a demo' }, true],
    ['score at the boundary (60)', { hubspotscore: '60' }, true],
    ['score one under (59)', { hubspotscore: '59' }, false],
    ['recent conversion and 5 page views (nested all)', { recent_conversion_date: '2026-11-10', hs_analytics_num_page_views: '5' }, true],
    ['recent conversion but 4 page views', { recent_conversion_date: '2026-11-10', hs_analytics_num_page_views: '4' }, false],
    ['5 page views but conversion 31 days ago', { recent_conversion_date: '2026-10-25T11:00:00Z', hs_analytics_num_page_views: '5' }, false],
  ])('engagement is "any": %s', (_name, contact, isMql) => {
    const q = qualify(mqlLead({ contact: { ...noSignal, ...contact } }), policy, NOW);
    expect(q.stage).toBe(isMql ? 'mql' : 'lead');
    expect(q.engagement.met).toBe(isMql);
  });

  it('the nested group labels each criterion with where it sits', () => {
    const q = qualify(mqlLead(), policy, NOW);
    expect(q.met.find((m) => m.id === 'page-views')?.within).toEqual(['Engagement (buying signal)', 'Engaged this month']);
  });

  // Disqualifiers win over everything, even a perfect MQL.
  it.each([
    ['personal email', { email: 'deirdre@gmail.com' }, 'personal-email'],
    ['competitor', { email: 'spy@routewise.io' }, 'competitor'],
    ['student', { jobtitle: 'MSc Student' }, 'student'],
    ['existing customer', { lifecyclestage: 'customer' }, 'existing-customer'],
  ])('disqualifier precedence: %s', (_name, contact, id) => {
    const q = qualify(mqlLead({ contact }), policy, NOW);
    expect(q.stage).toBe('disqualified');
    expect(q.disqualifiedBy?.map((d) => d.id)).toEqual([id]);
    expect(q.summary).toMatch(/^Disqualified: /);
  });

  it('lists every disqualifier that applies', () => {
    const q = qualify(mqlLead({ contact: { email: 'x@gmail.com', jobtitle: 'Student', lifecyclestage: 'customer' } }), policy, NOW);
    expect(q.disqualifiedBy?.map((d) => d.id)).toEqual(['personal-email', 'student', 'existing-customer']);
  });

  it('a lead with no properties at all is a lead, with every criterion unmet and nothing invented', () => {
    const q = qualify({ contact: {} }, policy, NOW);
    expect(q.stage).toBe('lead');
    expect(q.met).toEqual([]);
    expect(q.unmet).toHaveLength(7);
    expect(q.unmet.every((u) => u.saw === null)).toBe(true);
    expect(q.summary).toBe(
      'Not an MQL: 0 of 7 criteria met (missing: Based in Ireland or the UK; Company has 10 or more employees; Job title is known; one of: Asked for a demo or to talk to sales / HubSpot score is 60 or more / Engaged this month (all of: Converted in the last 30 days, Viewed 5 or more pages))',
    );
  });

  it('missing properties do not trigger disqualifiers either', () => {
    const q = qualify(mqlLead({ contact: { email: null, lifecyclestage: null } }), policy, NOW);
    expect(q.stage).toBe('mql');
  });

  it('uses the injected clock for "within days"', () => {
    const later = new Date('2027-01-30T12:00:00Z');
    const q = qualify(mqlLead({ contact: { recent_conversion_event_name: 'Webinar' } }), policy, later);
    expect(q.stage).toBe('lead');
    expect(q.unmet.find((u) => u.id === 'recent-conversion')?.why).toBe('71 days ago, needs within 30 days');
  });

  it('follows the policy it is given (a stricter size threshold)', () => {
    const strict = parsedPolicyWith((p) => {
      p.definitions.mql.fit.all[1].value = 200;
      p.version = '2026.12.0';
    });
    const q = qualify(mqlLead(), strict, NOW);
    expect(q.stage).toBe('lead');
    expect(q.policyVersion).toBe('2026.12.0');
  });
});
