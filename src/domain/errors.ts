/**
 * Typed domain errors. Every error the core raises carries a code from this enum;
 * adapters map codes to HTTP statuses / workflow outcomes once, at the edge.
 */
export const DomainErrorCode = {
  POLICY_INVALID: 'POLICY_INVALID',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  REJECTION_REASON_UNKNOWN: 'REJECTION_REASON_UNKNOWN',
  RECYCLE_REASON_UNKNOWN: 'RECYCLE_REASON_UNKNOWN',
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_OWNER: 'NOT_OWNER',
  COOLING_OFF: 'COOLING_OFF',
  /** Only the approvers the active policy names approve a change of it. */
  NOT_AN_APPROVER: 'NOT_AN_APPROVER',
  /** A proposal made on a version that is no longer active (or already activated, or withdrawn). */
  STALE_PROPOSAL: 'STALE_PROPOSAL',
  /** Availability is set by the person, their team's manager or an admin. */
  NOT_THEIR_MANAGER: 'NOT_THEIR_MANAGER',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(e: unknown, code?: DomainErrorCode): e is DomainError {
  return e instanceof DomainError && (code === undefined || e.code === code);
}
