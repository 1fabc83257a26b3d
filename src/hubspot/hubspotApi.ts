import { sendOverNodeHttp, type HttpSend } from './httpTransport.js';

/** A HubSpot portal's API as Handoff reaches it: a private app's token, and where. */
export interface HubSpotConnection {
  accessToken: string;
  /** HubSpot's API, or the fake's URL (local portal, tests, benchmarks). */
  baseUrl?: string;
}

// A thin, typed client for HubSpot's REST API: one request function over Node's HTTP client. Handoff
// uses it instead of @hubspot/api-client because the SDK has no date-based paths yet
// (hubspot-api-nodejs issue 690), and its configured middleware is never applied (its
// generated API classes start from an empty list), so its paths cannot be rewritten below it.

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** A non-2xx answer: HubSpot's status, its error body and the headers (mapped by toHubSpotError). */
export class HubSpotApiError extends Error {
  constructor(
    /** The HTTP status (named `code` as toHubSpotError reads it). */
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
    method: string,
    path: string,
  ) {
    super(`HubSpot answered ${code} to ${method} ${path}`);
    this.name = 'HubSpotApiError';
  }
}

export class HubSpotApi {
  private readonly baseUrl: string;

  constructor(
    private readonly connection: HubSpotConnection,
    /** How a request is sent: Node's HTTP client (msw intercepts it in tests, as HubSpot's stand-in). */
    private readonly send: HttpSend = sendOverNodeHttp,
  ) {
    this.baseUrl = (connection.baseUrl ?? 'https://api.hubapi.com').replace(/\/+$/, '');
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Hears every answer's headers (the call budget reads HubSpot's X-HubSpot-RateLimit headers from them). */
  onAnswer?: (headers: Record<string, string>) => void;

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, { query, body }: RequestOptions = {}): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      // HubSpot's documents declare list parameters form-exploded: properties=a&properties=b.
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, v);
      else url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.accessToken}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.send(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    this.onAnswer?.(res.headers);
    const parsed = res.text ? parseJson(res.text) : undefined;
    if (res.status < 200 || res.status > 299) throw new HubSpotApiError(res.status, parsed ?? {}, res.headers, method, path);
    return parsed as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, query ? { query } : {});
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}
