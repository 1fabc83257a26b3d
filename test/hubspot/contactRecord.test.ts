import { decideOutcome, decideRouteLead, emptyRecord, type HandoffRecord } from '../../src/domain/index.js';
import { propertiesForRecord, recordFromProperties } from '../../src/hubspot/contactRecord.js';
import { defaultPolicy } from '../support/policyFixtures.js';

// The projection HubSpot holds must read back as the record it was written from: the card, the
// home page and the audit read these properties, and a handoff the ledger has not seen is adopted
// from them. Everything but the recorded qualification (the ledger's alone) makes the round trip.
const policy = defaultPolicy();
const NOW = new Date('2026-11-25T09:30:00Z');
const lead = {
  contact: { id: '501', email: 'aoife@harbour.ie', jobtitle: 'CFO', country: 'Ireland', state: 'Cork', recent_conversion_event_name: 'Book a demo', recent_conversion_date: '2026-11-24T10:00:00Z', hubspotscore: '60' },
  company: { numberofemployees: '120', country: 'Ireland' },
};
const wf = { kind: 'workflow' as const, id: 'wf' };

function roundTrip(before: HandoffRecord, after: HandoffRecord): HandoffRecord {
  // What HubSpot holds after both writes: the first write's properties, then the second's over them.
  const first = propertiesForRecord(emptyRecord(after.contactId), before);
  const second = propertiesForRecord(before, after);
  return recordFromProperties(after.contactId, { ...first, ...second });
}

const projected = ({ qualification: _q, ...rest }: HandoffRecord) => rest;

describe('the handoff record ↔ its HubSpot properties', () => {
  const routed = decideRouteLead({ record: emptyRecord('501'), lead, routing: { openHandoffs: {}, recentAssignments: [] } }, policy, NOW, wf);

  it('a routed handoff reads back as written: owner, rule, tier, SLA due, its attempt, the version', () => {
    expect(routed.outcome).toBe('routed');
    const back = recordFromProperties('501', propertiesForRecord(emptyRecord('501'), routed.record));
    expect(projected(back)).toEqual(projected(routed.record));
    expect(back.attempts).toHaveLength(1);
    expect(back.attempts[0]!.dueAt).toEqual(routed.record.slaDueAt);
  });

  it.each([
    ['accepted', { type: 'accept' as const }],
    ['rejected and recycled, as the reason says', { type: 'reject' as const, reasonCode: 'bad-timing' }],
    ['rejected and rerouted to someone else', { type: 'reject' as const, reasonCode: 'wrong-territory' }],
    ['recycled with a reason', { type: 'recycle' as const, reasonCode: policy.recycleReasons[0]!.code }],
  ])('%s: the second write, over the first, reads back as the record', (_what, action) => {
    const later = new Date(NOW.getTime() + 20 * 60_000);
    const outcome = decideOutcome(routed.record, action, policy, later, { kind: 'user', id: routed.record.ownerId! }, { lead, routing: { openHandoffs: {}, recentAssignments: [] } });
    expect(outcome.record.version).toBe(routed.record.version + 1);
    expect(projected(roundTrip(routed.record, outcome.record))).toEqual(projected(outcome.record));
  });

  it('a cleared value is written as empty, so HubSpot does not keep the old one', () => {
    const { slaDueAt: _due, ...withoutDue } = routed.record;
    const writes = propertiesForRecord(routed.record, { ...withoutDue, version: routed.record.version + 1 } as HandoffRecord);
    expect(writes.handoff_sla_due).toBe('');
  });

  it('hand-edited values read as absent, never as a crash: a stage that is no stage, attempts that are not JSON', () => {
    const back = recordFromProperties('9', { handoff_stage: 'banana', handoff_sla_attempts: '{not json', handoff_version: 'x', handoff_routed_date: 'yesterday' });
    expect(back).toMatchObject({ state: 'new', attempts: [], version: 0 });
    expect(back.routedAt).toBeUndefined();
  });
});
