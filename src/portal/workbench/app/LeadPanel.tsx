import { useEffect, useState } from 'react';
import { api, type RecordView } from './api.js';

type Move = 'attempting' | 'connected' | 'qualified' | 'disqualified';

/**
 * The contact's Lead as HubSpot's prospecting workspace shows it, with the moves a rep makes
 * there. Each move is written to the fake HubSpot as the rep's change, and its property-change
 * webhook goes to the Handoff server, as HubSpot would send it.
 */
export function LeadPanel({ lead, onMoved, onError }: { lead: RecordView['leads'][number]; onMoved: () => void; onError: (message: string) => void }) {
  const [reasons, setReasons] = useState<{ value: string; label: string }[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.disqualificationReasons().then((r) => (setReasons(r.reasons), setReason(r.reasons[0]?.value ?? '')), () => undefined);
  }, []);
  const move = (stage: Move) => {
    setBusy(true);
    api
      .moveLead(lead.id, { stage, ...(stage === 'disqualified' && reason ? { reason } : {}) })
      .then(onMoved, (e: Error) => onError(e.message))
      .finally(() => setBusy(false));
  };
  const button = (stage: Move, label: string) => (
    <button key={stage} data-testid={`lead-move-${stage}`} className="hs-button hs-button-secondary" disabled={busy} onClick={() => move(stage)}>
      {label}
    </button>
  );
  return (
    <div className="lead-panel" data-testid="lead-panel">
      <div className="lead-panel-title">Lead in the prospecting workspace</div>
      <p>
        <strong data-testid="lead-name">{lead.name}</strong> · {lead.pipeline} · stage <strong data-testid="lead-stage">{lead.stage}</strong>
        {lead.ownerName ? (
          <>
            {' '}
            · owner <span data-testid="lead-owner">{lead.ownerName}</span>
          </>
        ) : null}
        {lead.disqualificationReason ? ` · ${lead.disqualificationReason}` : ''}
      </p>
      <div className="lead-moves">
        {button('attempting', 'Attempting')}
        {button('connected', 'Connected')}
        {button('qualified', 'Qualified')}
        <select data-testid="lead-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Disqualification reason">
          {reasons.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        {button('disqualified', 'Disqualify')}
      </div>
    </div>
  );
}
