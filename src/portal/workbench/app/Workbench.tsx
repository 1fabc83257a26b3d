import { useCallback, useEffect, useState } from 'react';
import { extension, setViewer } from '../ui/hubspot.js';
import { api, type ClockResult, type PortalState } from './api.js';
import { ContactsPage } from './ContactsPage.js';
import { DealsPage } from './DealsPage.js';
import { when } from './format.js';
import { NewLeadPage } from './NewLeadPage.js';
import { RecordPage } from './RecordPage.js';
import { syncSimulatedTime } from './simulatedTime.js';

const KNOWN_PAGES = ['contacts', 'deals', 'contact', 'deal', 'new-lead', 'home'];

function useHashRoute(): string[] {
  const read = () => (window.location.hash.replace(/^#\/?/, '') || 'contacts').split('/');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** The local portal: HubSpot's screens, stood in for, around Handoff's real cards and home page. */
export function Workbench() {
  const route = useHashRoute();
  const [state, setState] = useState<PortalState>();
  const [viewer, setViewerEmail] = useState(() => localStorage.getItem('handoff.viewer') ?? '');
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);
  const [lastMove, setLastMove] = useState<ClockResult>();
  const [error, setError] = useState<string>();

  const refresh = useCallback(() => {
    api.state().then((s) => {
      syncSimulatedTime(s.now);
      setState(s);
    }, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    refresh();
    const id = setInterval(refresh, 15_000);
    return () => clearInterval(id);
  }, [refresh]);
  useEffect(() => {
    if (state && !viewer) setViewerEmail(state.people.find((p) => p.role === 'admin')?.email ?? state.people.find((p) => p.role === 'manager')?.email ?? state.people[0]!.email);
  }, [state, viewer]);
  // Set before the children render: their effects (a card's or the home page's first load) run before
  // this component's, so a viewer set in an effect would reach the server one load late.
  setViewer(viewer);
  useEffect(() => {
    if (viewer) localStorage.setItem('handoff.viewer', viewer);
  }, [viewer]);

  const advance = (by: 'hour' | 'business-day' | 'next-sla-event') => {
    setBusy(true);
    api
      .advance(by)
      .then((r) => {
        syncSimulatedTime(r.now);
        setLastMove(r);
        setVersion((v) => v + 1);
        refresh();
      })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  if (!state) return <p>{error ?? 'Starting the local portal…'}</p>;
  const [page, id] = route;
  return (
    <div className="workbench">
      <header>
        <strong className="brand">Handoff · local portal</strong>
        <nav>
          <a href="#/contacts" className={page === 'contacts' ? 'active' : ''}>Contacts</a>
          <a href="#/deals" className={page === 'deals' ? 'active' : ''}>Deals</a>
          <a href="#/new-lead" className={page === 'new-lead' ? 'active' : ''} data-testid="nav-new-lead">New inbound lead</a>
          <a href="#/home" className={page === 'home' && id !== 'policy' ? 'active' : ''} data-testid="nav-home">Handoff health</a>
          <a href="#/home/policy" className={page === 'home' && id === 'policy' ? 'active' : ''} data-testid="nav-policy">Handoff policy</a>
        </nav>
        <div className="clock">
          <span data-testid="clock-now" title={state.now}>{when(state.now, state.timeZone)}</span>
          <button data-testid="advance-hour" disabled={busy} onClick={() => advance('hour')}>+1 hour</button>
          <button data-testid="advance-day" disabled={busy} onClick={() => advance('business-day')}>+1 business day</button>
          <button data-testid="advance-next" disabled={busy || !state.nextSlaEventAt} title={state.nextSlaEventAt ? `next: ${when(state.nextSlaEventAt, state.timeZone)}` : 'no SLA event is due'} onClick={() => advance('next-sla-event')}>
            Next SLA event
          </button>
        </div>
        <label className="viewer">
          Signed in as{' '}
          <select data-testid="viewer" value={viewer} onChange={(e) => setViewerEmail(e.target.value)}>
            {state.people.map((p) => (
              <option key={p.email} value={p.email}>
                {p.name}
                {p.role ? ` (${p.role})` : ''}
              </option>
            ))}
          </select>
        </label>
      </header>
      {lastMove && (
        <div className="moved" data-testid="clock-events">
          Clock moved to {when(lastMove.now, state.timeZone)}; {lastMove.checked} SLA check{lastMove.checked === 1 ? '' : 's'} ran
          {lastMove.events.length > 0 && `: ${lastMove.events.map((e) => `${e.name ?? 'a contact'}: ${e.what}`).join('; ')}`}
        </div>
      )}
      {error && <p className="error">{error}</p>}
      <main>
        {page === 'contacts' && <ContactsPage state={state} version={version} />}
        {page === 'deals' && <DealsPage version={version} />}
        {page === 'contact' && id && <RecordPage kind="contact" id={id} state={state} viewerEmail={viewer} version={version} onChanged={refresh} />}
        {page === 'deal' && id && <RecordPage kind="deal" id={id} state={state} viewerEmail={viewer} version={version} onChanged={refresh} />}
        {page === 'new-lead' && <NewLeadPage state={state} onCreated={(cid) => ((window.location.hash = `#/contact/${cid}`), refresh())} />}
        {!KNOWN_PAGES.includes(page ?? '') || ((page === 'contact' || page === 'deal') && !id) ? (
          <section data-testid="not-found">
            <h1>Page not found</h1>
            <p>
              There is no page at <code>#/{route.join('/')}</code>. <a href="#/contacts">Go to the contacts</a>.
            </p>
          </section>
        ) : null}
        {page === 'home' && (
          <section className="home-page" data-testid="home-page">
            <div key={`${version}-${viewer}`}>{extension('home')({ context: { crm: { objectId: 0, objectTypeId: '0-1' }, user: { id: 0, email: viewer, firstName: '', lastName: '', locale: 'en-ie' }, portal: { timezone: state.timeZone }, location: 'pages' }, actions: { refreshObjectProperties: () => undefined, addAlert: () => undefined } })}</div>
          </section>
        )}
      </main>
    </div>
  );
}
