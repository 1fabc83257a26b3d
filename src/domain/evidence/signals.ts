import type { Lead } from '../lead.js';
import type { HandoffPolicy } from '../policy/policy.schema.js';
import { FIELD_PATTERN } from '../policy/conditions.schema.js';
import { sizeBandOf } from '../routing/leadLocation.js';
import type { SignalSpec } from './weighEvidence.js';

/** The signals outside the definition the evidence reads by default: candidates for it. */
export const DEFAULT_SIGNALS = ['contact.hs_analytics_source', 'size-band', 'contact.country'] as const;

/** What people call the fields Handoff reads most often as signals (others are named by their field). */
const SIGNAL_LABELS: Readonly<Record<string, string>> = {
  'size-band': 'Company size band',
  'contact.hs_analytics_source': 'Original source',
  'contact.country': 'Country/Region',
  'contact.jobtitle': 'Job title',
  'contact.recent_conversion_event_name': 'Recent conversion',
  'company.industry': 'Industry',
  'company.country': 'Company country',
};

/** A signal as asked for ("size-band", or a field "contact.x" / "company.y"), or why it cannot be one. */
export function signalSpec(text: string): SignalSpec | { error: string } {
  if (text !== 'size-band' && !FIELD_PATTERN.test(text)) return { error: `${JSON.stringify(text)} is not a signal: give "size-band" or a field such as contact.hs_analytics_source or company.industry` };
  return { field: text, label: SIGNAL_LABELS[text] ?? text };
}

/**
 * A lead's value for a signal, as people read it: the policy's size band label for "size-band", the
 * portal's option label for an enumeration (`option`), otherwise the value; "" when it has none.
 */
export function signalValue(spec: SignalSpec, lead: Lead, policy: HandoffPolicy, option: (property: string, value: string) => string = (_, v) => v): string {
  if (spec.field === 'size-band') {
    const band = sizeBandOf(lead, policy);
    return band ? (policy.routing.sizeBands.find((b) => b.id === band)?.label ?? band) : '';
  }
  const [scope, name] = spec.field.split('.') as ['contact' | 'company', string];
  const raw = (scope === 'company' ? lead.company : lead.contact)?.[name];
  if (raw === undefined || raw === null || raw === '') return '';
  return option(name, String(raw));
}
