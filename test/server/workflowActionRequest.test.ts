import { WorkflowActionRequest } from '../../src/server/workflowActions.js';
import { parseInput } from '../../src/handlers/handlerError.js';

/** The message the server answers a request it refuses with (the edge's one formatter). */
const refusal = (input: unknown) => {
  try {
    parseInput(WorkflowActionRequest, input, 'workflow action request');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the request was accepted');
};

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
    expect(refusal(request({ email: 'a@b.ie', company: value }))).toBe(`workflow action request refused: object.properties.company: must be a string, number, boolean or null (got ${shown})`);
  });

  it('refuses properties that are not an object of values', () => {
    expect(refusal({ origin: { portalId: 1 }, object: { objectId: '7', objectType: 'CONTACT', properties: 'email' } })).toBe('workflow action request refused: object.properties: must be an object of property values (got "email")');
  });

  it('names a missing field, and quotes a long value only so far', () => {
    expect(refusal({ origin: { portalId: '1' }, object: { objectId: '7', objectType: 'CONTACT' } })).toBe('workflow action request refused: origin.portalId: Invalid input: expected number, received string (got "1")');
    const long = 'x'.repeat(500);
    const message = refusal(request({ company: { name: long } }));
    expect(message).toBe(`workflow action request refused: object.properties.company: must be a string, number, boolean or null (got {"name":"${'x'.repeat(111)}…)`);
  });
});
