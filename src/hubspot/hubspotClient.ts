import { HubSpotApi, type HubSpotConnection } from './hubspotApi.js';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

export type { HubSpotConnection } from './hubspotApi.js';

/** The one place the HubSpot client is built. It never retries on its own: Handoff's gateway does, honouring Retry-After. */
export function hubspotClient({ accessToken, baseUrl = HUBSPOT_API_URL }: HubSpotConnection): HubSpotApi {
  return new HubSpotApi({ accessToken, baseUrl });
}

/** The token and URL from the environment: HUBSPOT_ACCESS_TOKEN (or PRIVATE_APP_ACCESS_TOKEN in app functions), HUBSPOT_API_URL. */
export function connectionFromEnv(env: Readonly<Record<string, string | undefined>>): HubSpotConnection | { error: string } {
  const accessToken = env.HUBSPOT_ACCESS_TOKEN ?? env.PRIVATE_APP_ACCESS_TOKEN;
  if (!accessToken) return { error: 'HUBSPOT_ACCESS_TOKEN is not set: the private app access token (Settings → Integrations → your app → Auth)' };
  return { accessToken, ...(env.HUBSPOT_API_URL ? { baseUrl: env.HUBSPOT_API_URL } : {}) };
}
