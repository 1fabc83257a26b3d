import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { extension, type ExtensionApi } from '../ui/hubspot.js';
import { api, type PortalState, type RecordView } from './api.js';
import { LeadPanel } from './LeadPanel.js';
import { contactName } from '../../../domain/labels/contactName.js';

const CONTACT_FIELDS: [string, string][] = [
  ['email', 'Email'],
  ['jobtitle', 'Job title'],
  ['company', 'Company'],
  ['country', 'Country'],
  ['state', 'County / region'],
  ['lifecyclestage', 'Lifecycle stage'],
  ['hs_lead_status', 'Lead status'],
  ['hubspotscore', 'HubSpot score'],
  ['recent_conversion_event_name', 'Recent conversion'],
  ['hs_analytics_source', 'Original source'],
  ['notes_last_contacted', 'Last contacted'],
  ['handoff_stage', 'Handoff stage'],
  ['handoff_sla_status', 'Handoff SLA status'],
  ['handoff_sla_due', 'Handoff SLA due'],
  ['handoff_outcome', 'Handoff outcome'],
  ['handoff_rejection_reason', 'Rejection reason'],
  ['handoff_escalations', 'Escalations'],
  ['handoff_policy_version', 'Policy version'],
];
const DEAL_FIELDS: [string, string][] = [
  ['amount', 'Amount'],
  ['dealstage', 'Deal stage'],
  ['pipeline', 'Pipeline'],
  ['createdate', 'Created'],
  ['handoff_source_contact_id', 'Handoff source contact'],
  ['handoff_mql_date', 'Handoff MQL date'],
  ['handoff_policy_version', 'Handoff policy version'],
];

function context(objectId: string, objectTypeId: string, state: PortalState, viewerEmail: string): ExtensionApi['context'] {
  const person = state.people.find((p) => p.email === viewerEmail);
  const [firstName = '', lastName = ''] = (person?.name ?? 'Workbench User').split(' ');
  return { crm: { objectId: Number(objectId), objectTypeId }, user: { id: 7_000_000 + Number(person?.ownerId ?? 0), email: viewerEmail, firstName, lastName, locale: 'en-ie' }, portal: { timezone: state.timeZone }, location: objectTypeId === '0-1' ? 'crm.record.sidebar' : 'crm.record.tab' };
}

/** A record page as HubSpot lays it out: the record's properties on the left, the app's card beside them. */
export function RecordPage({ kind, id, state, viewerEmail, version, onChanged }: { kind: 'contact' | 'deal'; id: string; state: PortalState; viewerEmail: string; version: number; onChanged: () => void }) {
  const [record, setRecord] = useState<RecordView>();
  const [error, setError] = useState<string>();
  const [alerts, setAlerts] = useState<string[]>([]);
  const [logging, setLogging] = useState(false);
  const load = useCallback(() => {
    (kind === 'contact' ? api.contact(id) : api.deal(id)).then(setRecord, (e: Error) => setError(e.message));
  }, [kind, id]);
  useEffect(load, [load, version]);

  const actions: ExtensionApi['actions'] = {
    refreshObjectProperties: () => {
      load();
      onChanged();
    },
    addAlert: (a) => setAlerts((all) => [...all, `${a.title ? `${a.title}: ` : ''}${a.message}`]),
  };
  const card: ReactNode = extension(kind === 'contact' ? 'contact-card' : 'deal-card')({ context: context(id, kind === 'contact' ? '0-1' : '0-3', state, viewerEmail), actions });
  const fields = kind === 'contact' ? CONTACT_FIELDS : DEAL_FIELDS;
  if (error)
    return (
      <section data-testid="not-found">
        <h1>{kind === 'contact' ? 'Contact' : 'Deal'} not found</h1>
        <p>
          {error}. <a href={kind === 'contact' ? '#/contacts' : '#/deals'}>Back to the {kind === 'contact' ? 'contacts' : 'deals'}</a>.
        </p>
      </section>
    );
  if (!record) return <p>Loading…</p>;
  const p = record.properties;
  const title = kind === 'contact' ? contactName(p, record.id) : p.dealname;
  return (
    <section className="record">
      <div className="record-main">
        <p className="muted">
          <a href={kind === 'contact' ? '#/contacts' : '#/deals'}>{kind === 'contact' ? 'Contacts' : 'Deals'}</a> / {title}
        </p>
        <h1 data-testid="record-title">{title}</h1>
        <p>
          Owner: <strong data-testid="record-owner">{record.ownerName ?? 'No owner'}</strong>
        </p>
        {kind === 'contact' && (
          <button
            data-testid="log-call"
            className="hs-button hs-button-secondary"
            disabled={logging}
            onClick={() => {
              setLogging(true);
              api
                .logCall(id)
                .then(() => (load(), onChanged()))
                .catch((e: Error) => setError(e.message))
                .finally(() => setLogging(false));
            }}
          >
            Log a call (first touch)
          </button>
        )}
        <table className="props" data-testid="record-properties">
          <tbody>
            {fields.map(([name, label]) => (
              <tr key={name}>
                <th>{label}</th>
                <td data-testid={`prop-${name}`}>{record.display[name] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {record.leads.map((lead) => (
          <LeadPanel key={lead.id} lead={lead} onMoved={() => (load(), onChanged())} onError={(message) => setAlerts((all) => [...all, message])} />
        ))}
        {record.companies.length > 0 && <p>Company: {record.companies.map((c) => c.name).join(', ')}</p>}
        {record.deals.length > 0 && (
          <p>
            Deals:{' '}
            {record.deals.map((d) => (
              <a key={d.id} href={`#/deal/${d.id}`} data-testid={`deal-link-${d.id}`}>
                {d.name}
              </a>
            ))}
          </p>
        )}
        {record.contacts.length > 0 && (
          <p>
            Contacts:{' '}
            {record.contacts.map((c) => (
              <a key={c.id} href={`#/contact/${c.id}`}>
                {c.name}
              </a>
            ))}
          </p>
        )}
      </div>
      <aside className="sidebar-card" data-testid={`${kind}-card`}>
        <div className="card-title">Handoff</div>
        {alerts.map((a, i) => (
          <div key={i} className="hs-alert hs-alert-info">
            {a}
          </div>
        ))}
        <div key={`${id}-${version}-${viewerEmail}`}>{card}</div>
      </aside>
    </section>
  );
}
