import type { z } from 'zod';
import { DomainError } from '../domain/index.js';
import { HubSpotError } from '../hubspot/hubspotError.js';
import { LedgerUnavailable } from '../ledger/ledger.js';

/** What a caller is told to wait when Handoff's own database is unavailable (HubSpot retries workflow actions on 503). */
const LEDGER_RETRY_MS = 30_000;

/** Every failure a handler reports, one code each, mapped once to an HTTP status here. */
export const HandlerErrorCode = {
  INVALID_INPUT: 'INVALID_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** A duplicate of this action is being recorded right now: try again shortly and get its result. */
  IN_PROGRESS: 'IN_PROGRESS',
  FORBIDDEN: 'FORBIDDEN',
  /** The request names another HubSpot portal than the one this server serves: nothing was read, written or called. */
  WRONG_PORTAL: 'WRONG_PORTAL',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  INTERNAL: 'INTERNAL',
} as const;
export type HandlerErrorCode = (typeof HandlerErrorCode)[keyof typeof HandlerErrorCode];

const STATUS: Record<HandlerErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IN_PROGRESS: 503,
  FORBIDDEN: 403,
  WRONG_PORTAL: 403,
  ILLEGAL_TRANSITION: 409,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  UNAUTHORIZED: 401,
  INTERNAL: 500,
};

export class HandlerError extends Error {
  constructor(
    readonly code: HandlerErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HandlerError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  /** Whether the caller (a workflow, the card) should try again later. */
  get retryable(): boolean {
    return this.code === 'RATE_LIMITED' || this.code === 'UPSTREAM_UNAVAILABLE' || this.code === 'IN_PROGRESS';
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, retryable: this.retryable, ...(Object.keys(this.details).length ? { details: this.details } : {}) } };
  }
}

/** A value quoted in a message: its JSON, cut short past this many characters (a whole request body would drown the field's name). */
const QUOTED_MAX = 120;
const quoted = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > QUOTED_MAX ? `${text.slice(0, QUOTED_MAX)}…` : text;
};

/**
 * zod issues as one readable message naming each field and the value given. `what` names the
 * input as its sender knows it ("webhook body"): it leads the message, and names the input itself
 * when the issue is with the whole of it.
 */
export function invalidInput(error: z.ZodError, input: unknown, what?: string): HandlerError {
  const parts = error.issues.map((i) => {
    // An issue with the whole input is named by `what` in the message's lead.
    const path = i.path.length ? `${i.path.join('.')}: ` : what ? '' : 'input: ';
    const value = i.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), input);
    return `${path}${i.message}${value !== undefined ? ` (got ${quoted(value)})` : ''}`;
  });
  return new HandlerError('INVALID_INPUT', what ? `${what} refused: ${parts.join('; ')}` : parts.join('; '), { issues: parts });
}

/** Any failure as a HandlerError (domain rules, HubSpot, bugs). */
export function toHandlerError(e: unknown): HandlerError {
  if (e instanceof HandlerError) return e;
  if (e instanceof DomainError) {
    const code: HandlerErrorCode =
      e.code === 'NOT_OWNER' || e.code === 'NOT_AN_APPROVER' || e.code === 'NOT_THEIR_MANAGER'
        ? 'FORBIDDEN'
        : e.code === 'ILLEGAL_TRANSITION'
          ? 'ILLEGAL_TRANSITION'
          : e.code === 'COOLING_OFF' || e.code === 'STALE_PROPOSAL'
            ? 'CONFLICT'
            : 'INVALID_INPUT';
    return new HandlerError(code, e.message, { ...e.details, domainCode: e.code });
  }
  if (e instanceof LedgerUnavailable) {
    return new HandlerError('UPSTREAM_UNAVAILABLE', `${e.message}; nothing was saved, try again`, { store: 'ledger' }, LEDGER_RETRY_MS);
  }
  if (e instanceof HubSpotError) {
    const code: HandlerErrorCode =
      e.code === 'NOT_FOUND'
        ? 'NOT_FOUND'
        : e.code === 'CONFLICT'
          ? 'CONFLICT'
          : e.code === 'RATE_LIMITED'
            ? 'RATE_LIMITED'
            : e.code === 'UNAUTHORIZED'
              ? 'UNAUTHORIZED'
              : e.code === 'INVALID_REQUEST'
                ? 'INVALID_INPUT'
                : 'UPSTREAM_UNAVAILABLE';
    return new HandlerError(code, e.message, e.correlationId ? { hubspotCorrelationId: e.correlationId } : {}, e.retryAfterMs);
  }
  return new HandlerError('INTERNAL', `unexpected failure: ${(e as Error)?.message ?? String(e)}`);
}

/** Parses input with a schema or throws INVALID_INPUT naming the fields (and the input, given `what`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw invalidInput(r.error, input, what);
  return r.data;
}
