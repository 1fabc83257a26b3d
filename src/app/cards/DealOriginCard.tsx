import { hubspot } from '@hubspot/ui-extensions';
import { DealOriginCardView } from './DealOriginCardView.js';
import { fetchBackend, serverlessBackend } from './lib/backend.js';
import { BACKEND } from './lib/backendConfig.js';

// The deal record tab card: which handoff(s) sourced this deal.
hubspot.extend<'crm.record.tab'>(({ context }) => (
  <DealOriginCardView
    backend={BACKEND.kind === 'fetch' ? fetchBackend(hubspot.fetch as never, BACKEND.baseUrl) : serverlessBackend(hubspot.serverless, context.user.email)}
    dealId={String(context.crm.objectId)}
  />
));
