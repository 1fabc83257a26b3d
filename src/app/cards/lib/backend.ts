import type { DealOrigin } from '../../../handlers/getDealOrigin.js';
import type { HandoffState } from '../../../handlers/getHandoffState.js';
import type { RecordOutcomeResult } from '../../../handlers/recordOutcome.js';
import type { HandoffHealth } from '../../../domain/metrics/handoffHealth.js';
import type { PolicyOverview } from '../../../handlers/getPolicyOverview.js';
import type { PolicyEvidence } from '../../../handlers/policyEvidence.js';
import type { PolicyPreviewView } from '../../../handlers/policyPreview.js';
import type { AvailabilitySetView, PolicyAgreementView, ReviewedView } from '../../../handlers/agreement/agreementViews.js';

export type { AvailabilitySetView, DealOrigin, HandoffHealth, HandoffState, PolicyAgreementView, PolicyEvidence, PolicyOverview, PolicyPreviewView, RecordOutcomeResult, ReviewedView };

/** A change of availability from the policy page (who sets it comes from the signed-in user). */
export type AvailabilityRequest = { action: 'out-of-office'; personId: string; from: string; to: string; label?: string } | { action: 'capacity'; personId: string; capacity: number } | { action: 'clear'; settingId: number };

export interface OutcomeRequest {
  contactId: string;
  action: 'accept' | 'reject' | 'recycle';
  reasonCode?: string;
  note?: string;
  /** The handoff version the card showed when the rep clicked. */
  expectedVersion?: number;
}

/** What the cards and the home page need from Handoff, whichever backend serves it. */
export interface HandoffBackend {
  /** `history: 'all'` asks for the whole timeline, not only the latest entries. */
  handoffState(contactId: string, options?: { history?: 'latest' | 'all' }): Promise<HandoffState>;
  recordOutcome(request: OutcomeRequest): Promise<RecordOutcomeResult>;
  dealOrigin(dealId: string): Promise<DealOrigin>;
  handoffHealth(period: string): Promise<HandoffHealth>;
  /** The "Handoff policy" page. */
  policyOverview(): Promise<PolicyOverview>;
  /** The policy page's evidence: which criteria go with acceptance, over a period (default: two quarters). */
  policyEvidence(period?: string): Promise<PolicyEvidence>;
  /** The policy page's preview of a proposed version on the portal's own leads (the newest open proposal by default; NOT_FOUND when there is none). */
  policyPreview(period?: string, proposalId?: number): Promise<PolicyPreviewView>;
  /** The agreement: the active version, proposals and their approvers, the history, availability set in HubSpot. */
  policyAgreement(): Promise<PolicyAgreementView>;
  /** The signed-in approver approves a proposal, or asks for changes with a comment. */
  reviewProposal(proposalId: number, decision: 'approve' | 'request-changes', comment?: string): Promise<ReviewedView>;
  setAvailability(request: AvailabilityRequest): Promise<AvailabilitySetView>;
}

/** A request's fields as app function parameters (strings only). */
const asParameters = (o: Record<string, string | number | undefined>): Record<string, string> => Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));

/** A failure the card can show: the handler's code and message, and whether trying again may help. */
export class BackendError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; retryable?: boolean };
}

function toBackendError(body: unknown, fallback: string): BackendError {
  const e = (body as ErrorBody)?.error;
  return new BackendError(e?.code ?? 'UNKNOWN', e?.message ?? fallback, e?.retryable ?? true);
}

/** HubSpot app functions, by uid, through `hubspot.serverless` (Enterprise portals). */
export function serverlessBackend(serverless: (uid: string, options: { parameters: Record<string, string> }) => Promise<unknown>, viewerEmail: string): HandoffBackend {
  const call = async <T>(uid: string, parameters: Record<string, string>): Promise<T> => {
    let result: unknown;
    try {
      result = await serverless(uid, { parameters: { ...parameters, viewerEmail } });
    } catch (e) {
      throw new BackendError('UNREACHABLE', `Handoff could not be reached (${(e as Error).message})`, true);
    }
    const r = result as { ok?: boolean; data?: T };
    if (r?.ok && r.data !== undefined) return r.data;
    throw toBackendError(result, 'Handoff answered with an error');
  };
  return {
    handoffState: (contactId, options) => call('handoff_state', { contactId, ...(options?.history ? { history: options.history } : {}) }),
    recordOutcome: ({ contactId, action, reasonCode, note, expectedVersion }) =>
      call('handoff_record_outcome', { contactId, action, ...(reasonCode ? { reasonCode } : {}), ...(note ? { note } : {}), ...(expectedVersion !== undefined ? { expectedVersion: String(expectedVersion) } : {}) }),
    dealOrigin: (dealId) => call('handoff_deal_origin', { dealId }),
    handoffHealth: (period) => call('handoff_health', { period }),
    policyOverview: () => call('handoff_policy', {}),
    policyEvidence: (period) => call('handoff_policy_evidence', period ? { period } : {}),
    policyPreview: (period, proposalId) => call('handoff_policy_preview', asParameters({ period, proposalId })),
    policyAgreement: () => call('handoff_policy_agreement', {}),
    reviewProposal: (proposalId, decision, comment) => call('handoff_policy_review', asParameters({ proposalId, decision, comment })),
    setAvailability: (request) => call('handoff_availability', asParameters({ ...request })),
  };
}

type HubSpotFetch = (url: string, options: { method: 'POST'; body: Record<string, unknown>; timeout?: number }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** The self-hosted Handoff server, through `hubspot.fetch` (HubSpot signs the request and adds the user). */
export function fetchBackend(fetch: HubSpotFetch, baseUrl: string): HandoffBackend {
  const call = async <T>(path: string, body: Record<string, unknown>): Promise<T> => {
    let res: Awaited<ReturnType<HubSpotFetch>>;
    try {
      res = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, { method: 'POST', body, timeout: 10_000 });
    } catch (e) {
      throw new BackendError('UNREACHABLE', `Handoff could not be reached (${(e as Error).message})`, true);
    }
    const json = await res.json().catch(() => undefined);
    if (!res.ok) throw toBackendError(json, `Handoff answered ${res.status}`);
    return json as T;
  };
  return {
    handoffState: (contactId, options) => call('/api/cards/handoff-state', { contactId, ...(options?.history ? { history: options.history } : {}) }),
    recordOutcome: (request) => call('/api/cards/outcome', { ...request }),
    dealOrigin: (dealId) => call('/api/cards/deal-origin', { dealId }),
    handoffHealth: (period) => call('/api/cards/handoff-health', { period }),
    policyOverview: () => call('/api/cards/policy', {}),
    policyEvidence: (period) => call('/api/cards/policy-evidence', period ? { period } : {}),
    policyPreview: (period, proposalId) => call('/api/cards/policy-preview', { ...(period ? { period } : {}), ...(proposalId !== undefined ? { proposalId } : {}) }),
    policyAgreement: () => call('/api/cards/policy-agreement', {}),
    reviewProposal: (proposalId, decision, comment) => call('/api/cards/policy-review', { proposalId, decision, ...(comment ? { comment } : {}) }),
    setAvailability: (request) => call('/api/cards/availability', { ...request }),
  };
}
