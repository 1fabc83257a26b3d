// HubSpot's error body and the statuses it uses, thrown by the fake's routes and turned into a
// response in one place (app.ts onError).
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: { message: string; code?: string; in?: string; context?: Record<string, string[]> }[];
  links?: Record<string, string>;
  policyName?: string;
  errorType?: string;
  groupName?: string;
}

export class HubSpotHttpError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: HubSpotErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'HubSpotHttpError';
  }
}

export function correlationId(): string {
  return crypto.randomUUID();
}

export function errorBody(category: string, message: string, extras: Partial<HubSpotErrorBody> = {}): HubSpotErrorBody {
  return { status: 'error', message, correlationId: correlationId(), category, ...extras };
}

export const validationError = (message: string, extras: Partial<HubSpotErrorBody> = {}) => new HubSpotHttpError(400, errorBody('VALIDATION_ERROR', message, extras));

export const objectNotFound = (id: string) =>
  new HubSpotHttpError(404, errorBody('OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } }));

export const resourceNotFound = (message: string) => new HubSpotHttpError(404, errorBody('OBJECT_NOT_FOUND', message));

export const conflict = (message: string, category = 'CONFLICT') => new HubSpotHttpError(409, errorBody(category, message));

/** What HubSpot answers a portal without Sales Hub Professional or Enterprise that asks for Leads. */
export const leadsNotInPortal = () =>
  new HubSpotHttpError(403, errorBody('MISSING_SCOPES', 'This portal does not have access to the Leads object: it needs Sales Hub Professional or Enterprise.', { subCategory: 'FEATURE_NOT_AVAILABLE' }));

export const unauthenticated = () =>
  new HubSpotHttpError(
    401,
    errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview'),
  );

/** A 400 for property values, in HubSpot's words: the list of bad values is JSON inside the message. */
export function propertyValuesInvalid(errors: { name: string; error: string; message: string }[]): HubSpotHttpError {
  return new HubSpotHttpError(
    400,
    errorBody('VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(errors)}`, {
      errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
    }),
  );
}

/** A batch result's per-input error (StandardError in the OpenAPI documents). */
export interface StandardError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: { message: string }[];
  links: Record<string, string>;
}

export function standardError(category: string, message: string, context: Record<string, string[]>): StandardError {
  return { status: 'error', category, message, context, errors: [], links: {} };
}
