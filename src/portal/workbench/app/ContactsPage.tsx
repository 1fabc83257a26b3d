import { useEffect, useState } from 'react';
import { api, type ContactRow, type PortalState } from './api.js';
import { SLA_LABEL, STAGE_LABEL, when } from './format.js';

/** HubSpot's contacts index, narrowed to what a handoff needs: filter by handoff stage and SLA status. */
export function ContactsPage({ state, version }: { state: PortalState; version: number }) {
  const [stage, setStage] = useState('');
  const [sla, setSla] = useState('');
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('newest');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<{ total: number; page: number; pageSize: number; contacts: ContactRow[] }>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api
      .contacts({ stage, sla, q, sort, page: String(page) })
      .then((r) => live && (setRows(r), setError(undefined)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [stage, sla, q, sort, page, version]);
  // A new filter or sort starts again at the first page.
  useEffect(() => setPage(1), [stage, sla, q, sort]);
  const pages = rows ? Math.max(1, Math.ceil(rows.total / rows.pageSize)) : 1;
  return (
    <section>
      <h1>Contacts</h1>
      <div className="filters">
        <label>
          Handoff stage{' '}
          <select data-testid="filter-stage" value={stage} onChange={(e) => setStage(e.target.value)}>
            <option value="">Any</option>
            <option value="none">Not in a handoff</option>
            {state.stages.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABEL[s] ?? s}
              </option>
            ))}
          </select>
        </label>
        <label>
          SLA status{' '}
          <select data-testid="filter-sla" value={sla} onChange={(e) => setSla(e.target.value)}>
            <option value="">Any</option>
            {Object.entries(SLA_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search <input data-testid="filter-q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name, email or company" />
        </label>
        <label>
          Sort{' '}
          <select data-testid="sort" value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="newest">Newest first</option>
            <option value="name">Name</option>
            <option value="sla-due">SLA due, soonest first</option>
          </select>
        </label>
        {rows && <span data-testid="contacts-total">{rows.total === 1 ? '1 contact' : `${rows.total} contacts`}</span>}
      </div>
      {error && <p className="error">{error}</p>}
      <table className="grid" data-testid="contacts">
        <thead>
          <tr>
            <th>Name</th>
            <th>Company</th>
            <th>Lifecycle stage</th>
            <th>Owner</th>
            <th>Handoff</th>
            <th>SLA</th>
            <th>SLA due</th>
          </tr>
        </thead>
        <tbody>
          {rows?.contacts.map((c) => (
            <tr key={c.id} data-testid={`contact-row-${c.id}`}>
              <td>
                <a href={`#/contact/${c.id}`}>{c.name}</a>
                <div className="muted">{c.email}</div>
              </td>
              <td>{c.company ?? '—'}</td>
              <td>{c.lifecyclestage ?? '—'}</td>
              <td>{c.ownerName ?? '—'}</td>
              <td>{c.stage ? (STAGE_LABEL[c.stage] ?? c.stage) : '—'}</td>
              <td>{c.slaStatus ? <span className={`pill sla-${c.slaStatus}`}>{SLA_LABEL[c.slaStatus] ?? c.slaStatus}</span> : '—'}</td>
              <td>{when(c.slaDue, state.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows && rows.total === 0 && (
        <p className="empty" data-testid="contacts-empty">
          {q || stage || sla ? 'No contact matches these filters. Clear one to see more.' : 'No contacts yet: submit a new inbound lead to create one.'}
        </p>
      )}
      {rows && pages > 1 && (
        <div className="pager" data-testid="pager">
          <button className="hs-button hs-button-secondary" data-testid="page-previous" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span data-testid="page-of">
            Page {page} of {pages}
          </span>
          <button className="hs-button hs-button-secondary" data-testid="page-next" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
