import { useState } from 'react';
import { NEW_LEAD_LABELS, newLeadProblems, type NewLeadField } from '../../newLeadForm.js';
import { api, ApiError, type PortalState } from './api.js';

/** What a form submission does in HubSpot, then what marketing's workflow does: MQL, route, SLA. */
export function NewLeadPage({ state, onCreated }: { state: PortalState; onCreated: (contactId: string) => void }) {
  const [lead, setLead] = useState<Record<string, string>>({ firstname: '', lastname: '', email: '', jobtitle: 'Head of Operations', company: '', numberofemployees: '60', country: 'Ireland', state: 'Cork', recent_conversion_event_name: state.conversionEvents[0] ?? 'Book a demo', hubspotscore: '70' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [duplicate, setDuplicate] = useState<{ contactId: string; contactName?: string }>();
  const [touched, setTouched] = useState<Partial<Record<NewLeadField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<typeof api.newLead>>>();
  // The form's own rules (the server checks the same ones): each field says what is wrong, and its
  // limit, as it is typed (not on blur: a message appearing on blur moves the button being clicked).
  const problems = newLeadProblems(lead);
  const field = (name: NewLeadField, type = 'text') => {
    const problem = (touched[name] || submitted) && problems[name];
    return (
      <label key={name}>
        {NEW_LEAD_LABELS[name]}
        <input data-testid={`lead-${name}`} type={type} value={lead[name] ?? ''} aria-invalid={Boolean(problem)} onChange={(e) => (setLead({ ...lead, [name]: e.target.value }), setTouched({ ...touched, [name]: true }))} />
        {problem && (
          <span className="field-error" data-testid={`lead-${name}-error`}>
            {problem}
          </span>
        )}
      </label>
    );
  };
  return (
    <section className="new-lead">
      <h1>New inbound lead</h1>
      <p className="muted">Submits a form as a visitor would. HubSpot creates the contact and company; marketing's workflow makes it an MQL and calls Handoff's "Route lead" action, which qualifies it against the policy, routes it with an explanation and starts the SLA.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(problems).length) return;
          setBusy(true);
          setError(undefined);
          setDuplicate(undefined);
          api
            .newLead(lead)
            .then((r) => {
              setResult(r);
              if (r.routed.ownerId) onCreated(r.contactId);
            })
            .catch((err: Error) => {
              setError(err.message);
              if (err instanceof ApiError && err.details.code === 'DUPLICATE' && err.details.contactId) setDuplicate({ contactId: err.details.contactId, ...(err.details.contactName ? { contactName: err.details.contactName } : {}) });
            })
            .finally(() => setBusy(false));
        }}
      >
        <div className="form-grid">
          {field('firstname')}
          {field('lastname')}
          {field('email', 'email')}
          {field('jobtitle')}
          {field('company')}
          {field('numberofemployees', 'number')}
          <label>
            Country
            <select data-testid="lead-country" value={lead.country} onChange={(e) => setLead({ ...lead, country: e.target.value })}>
              {state.countries.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          {field('state')}
          <label>
            Form
            <select data-testid="lead-conversion" value={lead.recent_conversion_event_name} onChange={(e) => setLead({ ...lead, recent_conversion_event_name: e.target.value })}>
              {state.conversionEvents.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          {field('hubspotscore', 'number')}
        </div>
        <button className="hs-button hs-button-primary" data-testid="lead-submit" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit the form'}
        </button>
      </form>
      {error && (
        <p className="error" data-testid="lead-error">
          {error}
          {duplicate && (
            <>
              {' '}
              <a href={`#/contact/${duplicate.contactId}`} data-testid="lead-duplicate-link">
                Open {duplicate.contactName ?? 'the contact'}
              </a>
            </>
          )}
        </p>
      )}
      {result && !result.routed.ownerId && (
        <p data-testid="lead-not-routed">
          The contact was created but not routed: {result.routed.qualification.summary}. <a href={`#/contact/${result.contactId}`}>Open it</a>
        </p>
      )}
    </section>
  );
}
