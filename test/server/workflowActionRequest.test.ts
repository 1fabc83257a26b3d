import { WorkflowActionRequest } from '../../src/server/workflowActions.js';

const request = (properties: Record<string, unknown>) => ({ callbackId: 'cb-1', origin: { portalId: 1 }, object: { objectId: 7, objectType: 'CONTACT', properties }, inputFields: {} });

describe('a workflow action request, as HubSpot sends it', () => {
  it('keeps each property as its string, leaves out those with no value, and says which were named', () => {
    const parsed = WorkflowActionRequest.parse(request({ email: 'a@b.ie', hs_lead_score: 60, hs_is_unworked: true, jobtitle: null }));
    expect(parsed.object).toEqual({ objectId: '7', objectType: 'CONTACT', properties: { email: 'a@b.ie', hs_lead_score: '60', hs_is_unworked: 'true' }, propertiesSent: ['email', 'hs_lead_score', 'hs_is_unworked', 'jobtitle'] });
  });

  it('brings no properties when the action asked for none', () => {
    expect(WorkflowActionRequest.parse(request({})).object).toEqual({ objectId: '7', objectType: 'CONTACT', properties: {}, propertiesSent: [] });
    const { object } = WorkflowActionRequest.parse({ origin: { portalId: 1 }, object: { objectId: '7', objectType: 'CONTACT' } });
    expect(object).toEqual({ objectId: '7', objectType: 'CONTACT' });
  });

  it.each([
    ['an object', { a: 1 }, '{"a":1}'],
    ['a list', ['x'], '["x"]'],
  ])('refuses a property whose value is %s, naming the property and the value', (_what, value, shown) => {
    const parsed = WorkflowActionRequest.safeParse(request({ email: 'a@b.ie', company: value }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['object', 'properties', 'company'], message: `property company must be a string, number, boolean or null, not ${shown}` })]);
  });

  it('refuses properties that are not an object of values', () => {
    const parsed = WorkflowActionRequest.safeParse({ origin: { portalId: 1 }, object: { objectId: '7', objectType: 'CONTACT', properties: 'email' } });
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['object', 'properties'], message: 'properties must be an object of property values, not "email"' })]);
  });
});
