import { hubspot } from '@hubspot/ui-extensions';
import { fetchBackend, serverlessBackend } from '../cards/lib/backend.js';
import { BACKEND } from '../cards/lib/backendConfig.js';
import { HandoffHealthView } from './HandoffHealthView.js';

// The app's home page in HubSpot: the managers' handoff health.
hubspot.extend<'home'>(({ context }) => (
  <HandoffHealthView
    backend={BACKEND.kind === 'fetch' ? fetchBackend(hubspot.fetch as never, BACKEND.baseUrl) : serverlessBackend(hubspot.serverless, context.user.email)}
    portalId={context.portal.id}
    timeZone={context.portal.timezone}
  />
));
