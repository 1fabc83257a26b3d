import type { Owner } from '../crm/records.js';

// The demo portal's owners: the people in the default handoff.policy.yaml (same owner ids and
// emails), in three sales teams and marketing, plus one who has left (archived in HubSpot).
const team = (id: string, name: string) => [{ id, name, primary: true }];
const IE = team('9001', 'Ireland sales');
const UK = team('9002', 'UK sales');
const ENT = team('9003', 'Enterprise');
const MKT = team('9004', 'Marketing');

const owner = (id: string, first: string, last: string, email: string, teams: Owner['teams'], archived = false): Owner => ({
  id,
  email,
  firstName: first,
  lastName: last,
  userId: 7_000_000 + Number(id),
  type: 'PERSON',
  archived,
  createdAt: Date.parse('2025-01-06T09:00:00Z'),
  updatedAt: Date.parse('2025-01-06T09:00:00Z'),
  teams,
});

export const DEMO_OWNERS: readonly Owner[] = [
  owner('101', 'Siobhán', 'Byrne', 'siobhan.byrne@example.ie', IE),
  owner('102', 'Ciarán', 'Murphy', 'ciaran.murphy@example.ie', IE),
  owner('103', 'Aoife', 'Kelly', 'aoife.kelly@example.ie', IE),
  owner('104', 'Niamh', "O'Neill", 'niamh.oneill@example.ie', IE),
  owner('201', 'James', 'Carter', 'james.carter@example.co.uk', UK),
  owner('202', 'Priya', 'Shah', 'priya.shah@example.co.uk', UK),
  owner('203', 'Tom', 'Evans', 'tom.evans@example.co.uk', UK),
  owner('301', 'Fiona', 'MacLeod', 'fiona.macleod@example.co.uk', ENT),
  owner('302', 'Rory', 'Campbell', 'rory.campbell@example.co.uk', ENT),
  owner('401', 'Gráinne', 'Walsh', 'grainne.walsh@example.ie', MKT),
  owner('150', 'Declan', 'Ryan', 'declan.ryan@example.ie', IE, true),
];
