import { http } from 'msw';
import type { FakeHubSpot } from './fakeHubSpot.js';

export const HUBSPOT_API = 'https://api.hubapi.com';

/** msw handlers that answer every call to HubSpot's API host with the fake. */
export function fakeHubSpotHandlers(fake: FakeHubSpot, baseUrl = HUBSPOT_API) {
  return [http.all(`${baseUrl}/*`, ({ request }) => fake.fetch(request))];
}
