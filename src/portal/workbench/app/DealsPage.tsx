import { useEffect, useState } from 'react';
import { api } from './api.js';

export function DealsPage({ version }: { version: number }) {
  const [deals, setDeals] = useState<Awaited<ReturnType<typeof api.deals>>['deals']>();
  useEffect(() => void api.deals().then((r) => setDeals(r.deals)), [version]);
  return (
    <section>
      <h1>Deals</h1>
      <table className="grid" data-testid="deals">
        <thead>
          <tr>
            <th>Deal</th>
            <th>Amount</th>
            <th>Stage</th>
          </tr>
        </thead>
        <tbody>
          {deals?.map((d) => (
            <tr key={d.id}>
              <td>
                <a href={`#/deal/${d.id}`}>{d.name}</a>
              </td>
              <td>{d.amount ?? '—'}</td>
              <td>{d.stage ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {deals && deals.length === 0 && (
        <p className="empty" data-testid="deals-empty">
          No deals yet: a deal appears when a rep converts an accepted lead.
        </p>
      )}
    </section>
  );
}
