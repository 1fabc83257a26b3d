import { describeEvent, eventSubject } from '../../src/queue/eventSubject.js';
import { describeJob } from '../../src/queue/workQueue.js';

describe('what a webhook event is about, in words', () => {
  test.each([
    [{ objectId: '1001', subscriptionType: 'contact.propertyChange' }, 'contact 1001'],
    [{ objectId: '1001', subscriptionType: 'object.propertyChange', objectTypeId: '0-1' }, 'contact 1001'],
    [{ objectId: '7', subscriptionType: 'object.propertyChange', objectTypeId: '0-136' }, 'Lead 7'],
    [{ objectId: '7', subscriptionType: 'lead.propertyChange' }, 'Lead 7'],
    [{ objectId: '12', subscriptionType: 'object.propertyChange', objectTypeId: '0-2' }, 'company 12'],
    [{ objectId: '12', subscriptionType: 'company.deletion' }, 'company 12'],
  ])('%j names %s', (event, subject) => {
    expect(eventSubject(event)).toBe(subject);
  });

  test('the change: a property set, a property cleared, or the subscription when no property is named', () => {
    expect(describeEvent({ objectId: '1001', subscriptionType: 'contact.propertyChange', propertyName: 'lifecyclestage', propertyValue: 'marketingqualifiedlead' })).toBe('contact 1001: lifecyclestage changed to marketingqualifiedlead');
    expect(describeEvent({ objectId: '1001', subscriptionType: 'contact.propertyChange', propertyName: 'hubspot_owner_id', propertyValue: '' })).toBe('contact 1001: hubspot_owner_id changed');
    expect(describeEvent({ objectId: '7', subscriptionType: 'object.deletion', objectTypeId: '0-136' })).toBe('Lead 7: object.deletion');
  });

  test('a parked job names the Lead or company its events are about, as the worker does, not "contact"', () => {
    const moved = { objectId: '7', subscriptionType: 'object.propertyChange', objectTypeId: '0-136', propertyName: 'hs_pipeline_stage', propertyValue: 'qualified-stage-id' };
    expect(describeJob({ events: [moved] })).toBe('Lead 7: hs_pipeline_stage changed to qualified-stage-id');
    expect(describeJob({ event: { objectId: '12', subscriptionType: 'company.propertyChange', propertyName: 'hubspot_owner_id', propertyValue: '102' } })).toBe('company 12: hubspot_owner_id changed to 102');
    expect(describeJob({ events: [moved, { ...moved, objectId: '9' }] })).toBe('2 events, from Lead 7: hs_pipeline_stage changed to qualified-stage-id to Lead 9: hs_pipeline_stage changed to qualified-stage-id');
  });
});
