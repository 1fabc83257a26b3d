import type { ObjectType } from './objectTypes.js';

/**
 * Rules a portal's admin sets on how records may be written, which HubSpot enforces on API
 * writes from API version 2026-09: a property required when another has a value (close date
 * when a deal is won), and the format rules of the property validations API (a maximum length,
 * digits only). A write that breaks one is a 400 VALIDATION_ERROR naming the property.
 */
export type ValidationRule =
  | { kind: 'required-when'; objectType: ObjectType; property: string; when: { property: string; equals: string }; message?: string }
  | { kind: 'max-length'; objectType: ObjectType; property: string; max: number; message?: string }
  | { kind: 'numeric'; objectType: ObjectType; property: string; message?: string };

export interface RuleViolation {
  name: string;
  error: string;
  message: string;
}

/** What a write would break: `after` is the record's values once the write is applied. */
export function violatedRules(rules: readonly ValidationRule[], type: ObjectType, written: ReadonlyMap<string, string | null>, after: (name: string) => string | undefined): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules) {
    if (rule.objectType !== type) continue;
    const value = after(rule.property) ?? '';
    if (rule.kind === 'required-when') {
      const touched = written.has(rule.property) || written.has(rule.when.property);
      if (touched && after(rule.when.property) === rule.when.equals && value === '')
        out.push({ name: rule.property, error: 'CONDITIONALLY_REQUIRED', message: rule.message ?? `${rule.property} is required when ${rule.when.property} is ${rule.when.equals}.` });
    } else if (!written.has(rule.property) || value === '') continue;
    else if (rule.kind === 'max-length' && value.length > rule.max)
      out.push({ name: rule.property, error: 'MAX_LENGTH', message: rule.message ?? `${rule.property} must be at most ${rule.max} characters; this value has ${value.length}.` });
    else if (rule.kind === 'numeric' && !/^\d+$/.test(value)) out.push({ name: rule.property, error: 'NUMERIC_ONLY', message: rule.message ?? `${rule.property} may contain only digits.` });
  }
  return out;
}
