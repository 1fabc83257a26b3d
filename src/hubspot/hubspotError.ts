// HubSpot failures as typed errors, mapped once here from HubSpotApiError (an HTTP status,
// HubSpot's error body, the headers) or a network failure.
export const HubSpotErrorCode = {
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  INVALID_REQUEST: 'INVALID_REQUEST',
  UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
} as const;
export type HubSpotErrorCode = (typeof HubSpotErrorCode)[keyof typeof HubSpotErrorCode];

export class HubSpotError extends Error {
  constructor(
    readonly code: HubSpotErrorCode,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly correlationId?: string,
    /** The properties HubSpot refused, each with its message (a bad value, or a portal's validation rule). */
    readonly refused: readonly PropertyRefusal[] = [],
  ) {
    super(message);
    this.name = 'HubSpotError';
  }

  /** Whether trying again later can succeed. */
  get retryable(): boolean {
    return this.code === 'RATE_LIMITED' || this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT';
  }
}

export interface PropertyRefusal {
  property: string;
  message: string;
}

interface ErrorBody {
  message?: string;
  correlationId?: string;
  category?: string;
  errors?: { message?: string; context?: { propertyName?: string[] } }[];
}

/** The properties a 400 names (HubSpot's errors[].context.propertyName), with HubSpot's message for each. */
function refusalsOf(body: ErrorBody): PropertyRefusal[] {
  return (body.errors ?? []).flatMap((e) => (e.context?.propertyName ?? []).map((property) => ({ property, message: e.message ?? body.message ?? '' })));
}

interface ApiExceptionLike {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function isApiException(e: unknown): e is ApiExceptionLike {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && 'body' in e;
}

/** The policyName of HubSpot's 429 body: DAILY, TEN_SECONDLY_ROLLING, SECONDLY. */
export function rateLimitPolicyOf(e: unknown): string | undefined {
  if (!isApiException(e) || e.code !== 429) return undefined;
  const policy = (e.body as { policyName?: unknown } | undefined)?.policyName;
  return typeof policy === 'string' ? policy : undefined;
}

/** What a call to HubSpot threw, as a HubSpotError naming what was being done. */
export function toHubSpotError(e: unknown, doing: string): HubSpotError {
  if (e instanceof HubSpotError) return e;
  // HubSpot's daily limit is reached: nothing was asked; it waits until the portal's day resets.
  if (e instanceof Error && e.name === 'HubSpotDailyLimitReached') {
    const until = (e as Error & { until: Date }).until;
    return new HubSpotError('RATE_LIMITED', `${doing}: ${e.message}`, 429, Math.max(1000, until.getTime() - Date.now()));
  }
  if (isApiException(e)) {
    const body = (typeof e.body === 'object' && e.body !== null ? e.body : {}) as ErrorBody;
    const refused = e.code === 400 ? refusalsOf(body) : [];
    const message = refused.length
      ? `${doing}: HubSpot refused ${refused.map((r) => `${r.property} (${r.message})`).join('; ')}`
      : `${doing}: HubSpot answered ${e.code}${body.message ? `: ${body.message}` : ''}`;
    const retryAfter = Number(e.headers?.['retry-after']);
    const retryAfterMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
    const code: HubSpotErrorCode =
      e.code === 429
        ? 'RATE_LIMITED'
        : e.code === 404
          ? 'NOT_FOUND'
          : e.code === 409
            ? 'CONFLICT'
            : e.code === 401 || e.code === 403
              ? 'UNAUTHORIZED'
              : e.code === 504
                ? 'TIMEOUT'
                : e.code >= 500
                  ? 'UNAVAILABLE'
                  : 'INVALID_REQUEST';
    return new HubSpotError(code, message, e.code, retryAfterMs, body.correlationId, refused);
  }
  const err = e as Error;
  if (err?.name === 'AbortError' || /timeout/i.test(err?.message ?? '')) return new HubSpotError('TIMEOUT', `${doing}: no answer from HubSpot in time`);
  return new HubSpotError('UNAVAILABLE', `${doing}: could not reach HubSpot (${err?.message ?? String(e)})`);
}
