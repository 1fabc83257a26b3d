import { hubspot } from '@hubspot/ui-extensions';
import { ContactHandoffCardView } from './ContactHandoffCardView.js';
import { fetchBackend, serverlessBackend } from './lib/backend.js';
import { BACKEND } from './lib/backendConfig.js';

// The contact record sidebar card: HubSpot renders this entry; everything else is in the view.
hubspot.extend<'crm.record.sidebar'>(({ context, actions }) => (
  <ContactHandoffCardView
    backend={BACKEND.kind === 'fetch' ? fetchBackend(hubspot.fetch as never, BACKEND.baseUrl) : serverlessBackend(hubspot.serverless, context.user.email)}
    contactId={String(context.crm.objectId)}
    refreshProperties={() => actions.refreshObjectProperties()}
    addAlert={(alert) => actions.addAlert(alert)}
  />
));
