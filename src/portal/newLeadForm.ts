import { z } from 'zod';

// The new-lead form's rules, in one place: the workbench checks them as the visitor types, and its
// server checks them again. Every message names the field as the form labels it, and its limit.

export const NEW_LEAD_LABELS = {
  firstname: 'First name',
  lastname: 'Last name',
  email: 'Work email',
  jobtitle: 'Job title',
  company: 'Company',
  numberofemployees: 'Employees',
  country: 'Country',
  state: 'County / region',
  recent_conversion_event_name: 'Form',
  hubspotscore: 'HubSpot score',
} as const;
export type NewLeadField = keyof typeof NEW_LEAD_LABELS;

const text = (field: NewLeadField, max: number, required: boolean) => {
  const label = NEW_LEAD_LABELS[field];
  const base = z.string().trim().max(max, { error: (i) => `${label}: at most ${max} characters (this is ${String(i.input).length})` });
  return required ? base.min(1, { error: `${label} is required` }) : base.default('');
};
const wholeNumber = (field: NewLeadField, max: number) =>
  z.string().trim().regex(/^\d+$/, { error: (i) => `${NEW_LEAD_LABELS[field]}: "${String(i.input)}" is not a whole number from 0 to ${max.toLocaleString('en-IE')}` }).refine((v) => Number(v) <= max, { error: (i) => `${NEW_LEAD_LABELS[field]}: ${String(i.input)} is more than ${max.toLocaleString('en-IE')}` });

export const NewLead = z.strictObject({
  firstname: text('firstname', 100, true),
  lastname: text('lastname', 100, true),
  email: z.email({ error: (i) => `${NEW_LEAD_LABELS.email}: "${String(i.input)}" is not an email address` }),
  jobtitle: text('jobtitle', 200, false),
  company: text('company', 200, true),
  numberofemployees: wholeNumber('numberofemployees', 1_000_000),
  country: z.string().min(1, { error: `${NEW_LEAD_LABELS.country} is required` }),
  state: text('state', 100, false),
  recent_conversion_event_name: z.string().min(1, { error: `${NEW_LEAD_LABELS.recent_conversion_event_name} is required` }),
  hubspotscore: wholeNumber('hubspotscore', 100).default('0'),
});
export type NewLead = z.output<typeof NewLead>;

/** Each field's problem, in words (empty when the form is good). */
export function newLeadProblems(input: Record<string, string>): Partial<Record<NewLeadField, string>> {
  const parsed = NewLead.safeParse(input);
  if (parsed.success) return {};
  const out: Partial<Record<NewLeadField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as NewLeadField;
    out[field] ??= issue.message;
  }
  return out;
}
