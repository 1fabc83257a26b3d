import type { LeafCondition } from '../../../src/domain/policy/conditions.schema.js';
import { evaluateCondition } from '../../../src/domain/qualification/evaluateCondition.js';
import { lead } from '../../support/leadBuilder.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const c = (op: string, value?: unknown, field = 'contact.x'): LeafCondition => ({ label: 't', field, op, ...(value === undefined ? {} : { value }) }) as LeafCondition;

type Row = [op: string, value: unknown, saw: string | number | boolean | null | undefined, met: boolean];

// Boundary tables: each operator at and around its edge, with HubSpot's string values and missing ones.
const TABLE: Row[] = [
  ['equals', 'customer', 'customer', true],
  ['equals', 'customer', 'Customer ', true],
  ['equals', 'customer', 'lead', false],
  ['equals', 10, '10', true],
  ['equals', 10, '10.0', true],
  ['equals', 10, '11', false],
  ['equals', true, 'true', true],
  ['equals', true, 'false', false],
  ['equals', 'customer', undefined, false],
  ['not_equals', 'customer', 'lead', true],
  ['not_equals', 'customer', 'customer', false],
  ['not_equals', 'customer', null, false],
  ['in', ['Ireland', 'IE'], 'ireland', true],
  ['in', ['Ireland', 'IE'], 'IE', true],
  ['in', ['Ireland', 'IE'], 'France', false],
  ['in', ['Ireland', 'IE'], '', false],
  ['not_in', ['Education'], 'Software', true],
  ['not_in', ['Education'], 'education', false],
  ['not_in', ['Education'], undefined, false],
  ['gte', 10, '9', false],
  ['gte', 10, '10', true],
  ['gte', 10, 10, true],
  ['gte', 10, '11', true],
  ['gte', 10, 'ten', false],
  ['gte', 10, undefined, false],
  ['lte', 49, '49', true],
  ['lte', 49, '50', false],
  ['lte', 49, '-1', true],
  ['contains', 'demo', 'Book a Demo', true],
  ['contains', ['demo', 'pricing'], 'Pricing page form', true],
  ['contains', 'demo', 'Newsletter', false],
  ['contains', 'demo', null, false],
  ['exists', undefined, 'x', true],
  ['exists', undefined, '', false],
  ['exists', undefined, '   ', false],
  ['exists', undefined, 0, true],
  ['exists', undefined, false, true],
  ['exists', undefined, undefined, false],
  ['not_exists', undefined, undefined, true],
  ['not_exists', undefined, '', true],
  ['not_exists', undefined, 'x', false],
  ['within_days', 30, '2026-10-26T12:00:00Z', true], // exactly 30 days
  ['within_days', 30, '2026-10-26T11:59:59Z', false], // 30 days and a second
  ['within_days', 30, '2026-11-25T12:00:00Z', true], // now
  ['within_days', 30, '2026-11-26T12:00:00Z', false], // in the future
  ['within_days', 30, String(Date.parse('2026-11-20T00:00:00Z')), true], // epoch millis as HubSpot sends them
  ['within_days', 30, '2026-11-01', true], // a date property
  ['within_days', 30, 'last week', false],
  ['within_days', 30, undefined, false],
  ['email_domain_in', ['gmail.com'], 'someone@gmail.com', true],
  ['email_domain_in', ['gmail.com'], 'Someone@GMAIL.com', true],
  ['email_domain_in', ['gmail.com'], 'someone@mail.gmail.com', true],
  ['email_domain_in', ['gmail.com'], 'someone@notgmail.com', false],
  ['email_domain_in', ['gmail.com'], 'not an email', false],
  ['email_domain_in', ['gmail.com'], undefined, false],
];

describe('evaluateCondition boundary table', () => {
  it.each(TABLE)('%s %j against %j → %s', (op, value, saw, met) => {
    const outcome = evaluateCondition(c(op, value), lead({ x: saw }), NOW);
    expect(outcome.met).toBe(met);
    expect(outcome.why.length).toBeGreaterThan(0);
  });

  it('reads company properties through the company. prefix, and treats a missing company as missing', () => {
    const cond = c('gte', 10, 'company.numberofemployees');
    expect(evaluateCondition(cond, lead({}, { numberofemployees: '12' }), NOW).met).toBe(true);
    expect(evaluateCondition(cond, lead({}, null), NOW)).toMatchObject({ met: false, saw: null, why: 'no value in HubSpot' });
  });

  it('explains in words', () => {
    expect(evaluateCondition(c('gte', 10), lead({ x: '7' }), NOW).why).toBe('saw 7, needs 10 or more');
    expect(evaluateCondition(c('within_days', 30), lead({ x: '2026-11-20T12:00:00Z' }), NOW).why).toBe('5 days ago, needs within 30 days');
  });
});
