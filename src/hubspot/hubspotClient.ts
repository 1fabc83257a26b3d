import { Client } from '@hubspot/api-client';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

export interface HubSpotConnection {
  accessToken: string;
  /** HubSpot's API, or the fake's URL (local portal, tests, benchmarks). */
  baseUrl?: string;
}

/**
 * The one place the api-client is built. Its own retries are off: they wait 10 s on a 429
 * (longer than a card or an app function can) and ignore Retry-After; Handoff retries itself.
 */
export function hubspotClient({ accessToken, baseUrl = HUBSPOT_API_URL }: HubSpotConnection): Client {
  return new Client({ accessToken, basePath: baseUrl.replace(/\/+$/, ''), numberOfApiCallRetries: 0 });
}

/** The token and URL from the environment: HUBSPOT_ACCESS_TOKEN (or PRIVATE_APP_ACCESS_TOKEN in app functions), HUBSPOT_API_URL. */
export function connectionFromEnv(env: Readonly<Record<string, string | undefined>>): HubSpotConnection | { error: string } {
  const accessToken = env.HUBSPOT_ACCESS_TOKEN ?? env.PRIVATE_APP_ACCESS_TOKEN;
  if (!accessToken) return { error: 'HUBSPOT_ACCESS_TOKEN is not set: the private app access token (Settings → Integrations → your app → Auth)' };
  return { accessToken, ...(env.HUBSPOT_API_URL ? { baseUrl: env.HUBSPOT_API_URL } : {}) };
}
