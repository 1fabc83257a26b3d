/** The workbench server's own API: the portal's records (as HubSpot's UI would show them), the clock, new leads. */
export interface PortalState {
  now: string;
  nextSlaEventAt?: string;
  timeZone: string;
  people: { ownerId: string; name: string; email: string; team?: string; role?: string }[];
  policyVersion: string;
  stages: string[];
  conversionEvents: string[];
  countries: string[];
}

export interface ContactRow {
  id: string;
  name: string;
  email: string;
  company?: string;
  lifecyclestage?: string;
  ownerName?: string;
  stage?: string;
  slaStatus?: string;
  slaDue?: string;
  mqlDate?: string;
}

export interface RecordView {
  id: string;
  properties: Record<string, string>;
  /** Each property as HubSpot's record page shows it (labels, names, local dates, money). */
  display: Record<string, string>;
  ownerName?: string;
  companies: { id: string; name: string }[];
  deals: { id: string; name: string }[];
  contacts: { id: string; name: string }[];
  /** The contact's Leads, as the prospecting workspace shows them. */
  leads: { id: string; name: string; pipeline: string; stage: string; ownerName?: string; disqualificationReason?: string }[];
}

export interface ClockResult {
  now: string;
  checked: number;
  events: { contactId: string; name?: string; what: string }[];
}

/** The workbench's answer when it refuses: its message, and what else it said (a duplicate's contact, each field's problem). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: { code?: string; contactId?: string; contactName?: string; fields?: Record<string, string> },
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; code?: string; contactId?: string; contactName?: string; fields?: Record<string, string> } };
  if (!res.ok) throw new ApiError(body.error?.message ?? `the workbench answered ${res.status}`, res.status, body.error ?? {});
  return body as T;
}

export const api = {
  state: () => call<PortalState>('/workbench/api/state'),
  contacts: (filters: { stage?: string; sla?: string; q?: string; sort?: string; page?: string }) => call<{ total: number; page: number; pageSize: number; contacts: ContactRow[] }>(`/workbench/api/contacts?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}`),
  contact: (id: string) => call<RecordView>(`/workbench/api/contacts/${id}`),
  deal: (id: string) => call<RecordView>(`/workbench/api/deals/${id}`),
  deals: () => call<{ deals: { id: string; name: string; amount?: string; stage?: string; contactId?: string }[] }>('/workbench/api/deals'),
  logCall: (id: string) => call<{ ok: true }>(`/workbench/api/contacts/${id}/activity`, { method: 'POST', body: '{}' }),
  newLead: (lead: Record<string, string>) => call<{ contactId: string; routed: { outcome: string; ownerId?: string; explanation?: string; slaDueAt?: string; qualification: { summary: string } } }>('/workbench/api/leads', { method: 'POST', body: JSON.stringify(lead) }),
  moveLead: (id: string, move: { stage: 'attempting' | 'connected' | 'qualified' | 'disqualified'; reason?: string }) => call<{ ok: true }>(`/workbench/api/leads/${id}/stage`, { method: 'POST', body: JSON.stringify(move) }),
  disqualificationReasons: () => call<{ reasons: { value: string; label: string }[] }>('/workbench/api/lead-disqualification-reasons'),
  advance: (by: 'hour' | 'business-day' | 'next-sla-event') => call<ClockResult>('/workbench/api/clock/advance', { method: 'POST', body: JSON.stringify({ by }) }),
};
