import type { LeafCondition } from '../policy/conditions.schema.js';
import { isMissing, readField, type Lead, type PropertyValue } from '../lead.js';
import { isPersonalDomain } from '../accounts/domains.js';
import { toEpochMs } from '../hubspotDate.js';

/** What a condition reads besides the lead: the policy's own personal domains (accounts.personalDomains). */
export interface ConditionEnv {
  personalDomains?: readonly string[];
}

/** The condition environment a policy sets. */
export const conditionEnv = (policy: { accounts: { personalDomains: readonly string[] } }): ConditionEnv => ({ personalDomains: policy.accounts.personalDomains });

export interface ConditionOutcome {
  met: boolean;
  /** The value the condition saw (null when the property is missing). */
  saw: PropertyValue;
  /** Why it was met or not, in words a rep can read: "saw 7, needs 10 or more". */
  why: string;
}

const DAY_MS = 86_400_000;
const NUMERIC = /^-?\d+(\.\d+)?$/;

export function toNumber(v: PropertyValue): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

export { toEpochMs };

function sameValue(a: PropertyValue, b: string | number | boolean): boolean {
  const an = toNumber(a);
  if (typeof b === 'number' || (typeof b === 'string' && NUMERIC.test(b))) {
    return an !== undefined && an === Number(b);
  }
  if (typeof b === 'boolean') return String(a).trim().toLowerCase() === String(b);
  return String(a).trim().toLowerCase() === b.trim().toLowerCase();
}

export function emailDomain(v: PropertyValue): string | undefined {
  if (typeof v !== 'string') return undefined;
  const at = v.lastIndexOf('@');
  return at < 0 ? undefined : v.slice(at + 1).trim().toLowerCase();
}

const show = (v: PropertyValue) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/**
 * One criterion against one lead. A missing property meets nothing but `not_exists`:
 * the policy cannot count what HubSpot does not know.
 */
export function evaluateCondition(cond: LeafCondition, lead: Lead, now: Date, env: ConditionEnv = {}): ConditionOutcome {
  const saw = readField(lead, cond.field);
  if (isMissing(saw)) {
    const met = cond.op === 'not_exists';
    // The criterion's label names the field for people; the reason says what was there.
    return { met, saw: null, why: 'no value in HubSpot' };
  }
  switch (cond.op) {
    case 'exists':
      return { met: true, saw, why: `saw ${show(saw)}` };
    case 'not_exists':
      return { met: false, saw, why: `saw ${show(saw)}` };
    case 'equals': {
      const met = sameValue(saw, cond.value);
      return { met, saw, why: `saw ${show(saw)}, needs ${show(cond.value)}` };
    }
    case 'not_equals': {
      const met = !sameValue(saw, cond.value);
      return { met, saw, why: `saw ${show(saw)}, must not be ${show(cond.value)}` };
    }
    case 'in': {
      const met = cond.value.some((v) => sameValue(saw, v));
      return { met, saw, why: `saw ${show(saw)}, needs one of ${cond.value.join(', ')}` };
    }
    case 'not_in': {
      const met = !cond.value.some((v) => sameValue(saw, v));
      return { met, saw, why: `saw ${show(saw)}, must not be one of ${cond.value.join(', ')}` };
    }
    case 'gte':
    case 'lte': {
      const n = toNumber(saw);
      if (n === undefined) return { met: false, saw, why: `saw ${show(saw)}, which is not a number` };
      const met = cond.op === 'gte' ? n >= cond.value : n <= cond.value;
      return { met, saw, why: `saw ${n}, needs ${cond.value} or ${cond.op === 'gte' ? 'more' : 'less'}` };
    }
    case 'contains': {
      const needles = Array.isArray(cond.value) ? cond.value : [cond.value];
      const hay = String(saw).toLowerCase();
      const hit = needles.find((n) => hay.includes(n.toLowerCase()));
      return { met: hit !== undefined, saw, why: hit ? `${show(saw)} contains "${hit}"` : `${show(saw)} contains none of ${needles.map((n) => `"${n}"`).join(', ')}` };
    }
    case 'within_days': {
      const ms = toEpochMs(saw);
      if (ms === undefined) return { met: false, saw, why: `saw ${show(saw)}, which is not a date` };
      const ageDays = (now.getTime() - ms) / DAY_MS;
      const met = ageDays >= 0 && ageDays <= cond.value;
      const ago = ageDays < 0 ? 'in the future' : `${Math.floor(ageDays)} days ago`;
      return { met, saw, why: `${ago}, needs within ${cond.value} days` };
    }
    case 'email_domain_in': {
      const domain = emailDomain(saw);
      if (!domain) return { met: false, saw, why: `saw ${show(saw)}, which is not an email address` };
      const hit = cond.value.find((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
      return { met: hit !== undefined, saw, why: hit ? `email domain is ${hit}` : `email domain ${domain} is not listed` };
    }
    case 'email_domain_personal': {
      const domain = emailDomain(saw);
      if (!domain) return { met: false, saw, why: `saw ${show(saw)}, which is not an email address` };
      const personal = isPersonalDomain(domain, env.personalDomains);
      return { met: personal, saw, why: personal ? `${domain} is a personal email domain` : `${domain} is not a personal email domain` };
    }
  }
}
