import { createContext, useContext } from 'react';
import { Flex, hubspot } from '@hubspot/ui-extensions';
import { createPageRouter, PageLink, PageRoutes } from '@hubspot/ui-extensions/pages';
import { fetchBackend, serverlessBackend, type HandoffBackend } from '../cards/lib/backend.js';
import { BACKEND } from '../cards/lib/backendConfig.js';
import { HandoffHealthView } from './HandoffHealthView.js';
import { HandoffPolicyView } from './HandoffPolicyView.js';

// Handoff's app pages in HubSpot (platform 2026.09 app pages): the managers' handoff health, and
// "Handoff policy", the signed-off policy in words with what a portal admin needs to see.
interface PageContext {
  backend: HandoffBackend;
  portalId?: number;
  timeZone?: string;
}
const Context = createContext<PageContext | undefined>(undefined);
const usePageContext = (): PageContext => {
  const value = useContext(Context);
  if (!value) throw new Error('a Handoff page rendered outside its app');
  return value;
};

function HealthPage() {
  const { backend, portalId, timeZone } = usePageContext();
  return (
    <Flex direction="column" gap="md">
      <PageLink to="/policy" testId="to-policy">
        The handoff policy in words
      </PageLink>
      <HandoffHealthView backend={backend} {...(portalId !== undefined ? { portalId } : {})} {...(timeZone ? { timeZone } : {})} />
    </Flex>
  );
}

function PolicyPage() {
  const { backend, timeZone } = usePageContext();
  return (
    <Flex direction="column" gap="md">
      <PageLink to="/" testId="to-health">
        Handoff health
      </PageLink>
      <HandoffPolicyView backend={backend} {...(timeZone ? { timeZone } : {})} />
    </Flex>
  );
}

const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={HealthPage} id="health" />
    <PageRoutes.Route path="/policy" component={PolicyPage} id="policy" />
    <PageRoutes.AnyRoute component={HealthPage} />
  </PageRoutes>,
);

hubspot.extend<'pages'>(({ context }) => (
  <Context.Provider
    value={{
      backend: BACKEND.kind === 'fetch' ? fetchBackend(hubspot.fetch as never, BACKEND.baseUrl) : serverlessBackend(hubspot.serverless, context.user.email),
      portalId: context.portal.id,
      timeZone: context.portal.timezone,
    }}
  >
    <PageRouter />
  </Context.Provider>
));
