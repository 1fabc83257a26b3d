import { connectionFromEnv, type HubSpotConnection } from '../hubspot/hubspotClient.js';
import { CliExit, type CliIO } from './io.js';

/** The HubSpot connection from the environment, with `--hubspot-url` over HUBSPOT_API_URL; or the reason on stderr and exit 1. */
export function hubspotConnectionOrExit(hubspotUrl: string | undefined, io: CliIO): HubSpotConnection {
  const env = io.env ?? {};
  const conn = connectionFromEnv(hubspotUrl ? { ...env, HUBSPOT_API_URL: hubspotUrl } : env);
  if ('error' in conn) {
    io.err(conn.error);
    throw new CliExit(1);
  }
  return conn;
}
