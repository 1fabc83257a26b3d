import type { LeafCondition } from '../../../src/domain/policy/conditions.schema.js';
import { compileCondition, qualificationStage } from '../../../src/domain/qualification/compileConditions.js';
import { evaluateCondition } from '../../../src/domain/qualification/evaluateCondition.js';
import { qualify } from '../../../src/domain/qualification/qualify.js';
import { syntheticLeads } from '../../../bench/engineBench.js';
import { lead } from '../../support/leadBuilder.js';
import { defaultPolicy } from '../../support/policyFixtures.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const c = (op: string, value?: unknown, field = 'contact.x'): LeafCondition => ({ label: 't', field, op, ...(value === undefined ? {} : { value }) }) as LeafCondition;

// The compiled criteria decide many leads without building reasons; they must give the verdict
// the reasoned ones give, at every edge the reasoned ones are tested at.
const EDGES: [op: string, value: unknown, saw: string | number | boolean | null | undefined][] = [
  ['equals', 'customer', 'Customer '],
  ['equals', 10, '10.0'],
  ['equals', 10, 'ten'],
  ['equals', true, 'TRUE'],
  ['equals', 'customer', undefined],
  ['not_equals', 'customer', null],
  ['not_equals', 'customer', 'lead'],
  ['in', ['Ireland', 'IE'], 'ireland'],
  ['in', [1, 2], '2'],
  ['in', ['Ireland'], '   '],
  ['not_in', ['Education'], 'education'],
  ['not_in', ['Education'], undefined],
  ['gte', 10, '10'],
  ['gte', 10, '9.99'],
  ['gte', 10, 'n/a'],
  ['lte', 10, '10'],
  ['lte', 10, 10.01],
  ['contains', ['Director', 'VP'], 'vp of sales'],
  ['contains', 'Head', 'Operations'],
  ['within_days', 30, '2026-10-26T12:00:00Z'],
  ['within_days', 30, '2026-10-26T11:59:59Z'],
  ['within_days', 30, '2026-11-26T00:00:00Z'],
  ['within_days', 30, '2026-11-25'],
  ['within_days', 30, String(Date.parse('2026-11-20T00:00:00Z'))],
  ['within_days', 30, 'not a date'],
  ['email_domain_in', ['gmail.com'], 'A@Mail.GMAIL.com'],
  ['email_domain_in', ['gmail.com'], 'a@notgmail.com'],
  ['email_domain_in', ['gmail.com'], 'no-at-sign'],
  ['exists', undefined, ''],
  ['exists', undefined, 0],
  ['not_exists', undefined, undefined],
  ['not_exists', undefined, 'x'],
];

describe('compiled criteria: the verdict of the reasoned ones, without the reasons', () => {
  it.each(EDGES)('%s %j on %j', (op, value, saw) => {
    const cond = c(op, value);
    const l = lead({ x: saw });
    expect(compileCondition(cond)(l, NOW.getTime())).toBe(evaluateCondition(cond, l, NOW).met);
  });

  it('a company field reads the company, and a lead without one meets nothing but not_exists', () => {
    const onCompany = c('gte', 50, 'company.numberofemployees');
    expect(compileCondition(onCompany)({ contact: {}, company: { numberofemployees: '120' } }, NOW.getTime())).toBe(true);
    expect(compileCondition(onCompany)({ contact: {} }, NOW.getTime())).toBe(false);
    expect(compileCondition(c('not_exists', undefined, 'company.industry'))({ contact: {} }, NOW.getTime())).toBe(true);
  });

  it("the policy's MQL definition, compiled: the stage qualify gives, lead for lead, over 20,000 synthetic leads", () => {
    const policy = defaultPolicy();
    const leads = syntheticLeads(20_000, NOW, 7);
    const differ = leads.filter((l) => qualificationStage(l, policy, NOW) !== qualify(l, policy, NOW).stage);
    expect(differ).toEqual([]);
    // and the sample is not one-sided: every stage occurs
    const stages = new Set(leads.map((l) => qualificationStage(l, policy, NOW)));
    expect([...stages].sort()).toEqual(['disqualified', 'lead', 'mql']);
  });
});
