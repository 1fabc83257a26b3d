import { useState } from 'react';
import { api, type PortalState } from './api.js';

/** What a form submission does in HubSpot, then what marketing's workflow does: MQL, route, SLA. */
export function NewLeadPage({ state, onCreated }: { state: PortalState; onCreated: (contactId: string) => void }) {
  const [lead, setLead] = useState<Record<string, string>>({ firstname: '', lastname: '', email: '', jobtitle: 'Head of Operations', company: '', numberofemployees: '60', country: 'Ireland', state: 'Cork', recent_conversion_event_name: state.conversionEvents[0] ?? 'Book a demo', hubspotscore: '70' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Awaited<ReturnType<typeof api.newLead>>>();
  const field = (name: string, label: string, type = 'text') => (
    <label key={name}>
      {label}
      <input data-testid={`lead-${name}`} type={type} value={lead[name] ?? ''} onChange={(e) => setLead({ ...lead, [name]: e.target.value })} />
    </label>
  );
  return (
    <section className="new-lead">
      <h1>New inbound lead</h1>
      <p className="muted">Submits a form as a visitor would. HubSpot creates the contact and company; marketing's workflow makes it an MQL and calls Handoff's "Route lead" action, which qualifies it against the policy, routes it with an explanation and starts the SLA.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(undefined);
          api
            .newLead(lead)
            .then((r) => {
              setResult(r);
              if (r.routed.ownerId) onCreated(r.contactId);
            })
            .catch((err: Error) => setError(err.message))
            .finally(() => setBusy(false));
        }}
      >
        <div className="form-grid">
          {field('firstname', 'First name')}
          {field('lastname', 'Last name')}
          {field('email', 'Work email', 'email')}
          {field('jobtitle', 'Job title')}
          {field('company', 'Company')}
          {field('numberofemployees', 'Employees', 'number')}
          <label>
            Country
            <select data-testid="lead-country" value={lead.country} onChange={(e) => setLead({ ...lead, country: e.target.value })}>
              {state.countries.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          {field('state', 'County / region')}
          <label>
            Form
            <select data-testid="lead-conversion" value={lead.recent_conversion_event_name} onChange={(e) => setLead({ ...lead, recent_conversion_event_name: e.target.value })}>
              {state.conversionEvents.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          {field('hubspotscore', 'HubSpot score', 'number')}
        </div>
        <button className="hs-button hs-button-primary" data-testid="lead-submit" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit the form'}
        </button>
      </form>
      {error && (
        <p className="error" data-testid="lead-error">
          {error}
        </p>
      )}
      {result && !result.routed.ownerId && (
        <p data-testid="lead-not-routed">
          Contact {result.contactId} was created but not routed: {result.routed.qualification.summary}. <a href={`#/contact/${result.contactId}`}>Open it</a>
        </p>
      )}
    </section>
  );
}
