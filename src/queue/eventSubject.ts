// What a webhook event is about, in words: one home for the record an event names (a Lead, a
// company or a contact) and the change it reports, read by the worker's outcomes and by the
// parked-job listings (`handoff jobs`, the health view) alike.

/** The fields of a HubSpot webhook event that say what it is about. */
export interface EventNaming {
  objectId: string;
  subscriptionType?: string | undefined;
  /** The object's type in HubSpot's newer object.* subscriptions: 0-1 a contact, 0-2 a company, 0-136 a Lead. */
  objectTypeId?: string | undefined;
  propertyName?: string | undefined;
  propertyValue?: string | undefined;
}

/** An event about a company (company.* subscriptions, or object.* for 0-2). */
export const isCompanyEvent = (e: Pick<EventNaming, 'subscriptionType' | 'objectTypeId'>) => e.objectTypeId === '0-2' || (e.subscriptionType?.startsWith('company.') ?? false);

/** An event about a Lead (object.propertyChange for 0-136, or lead.propertyChange). */
export const isLeadEvent = (e: Pick<EventNaming, 'subscriptionType' | 'objectTypeId'>) => e.objectTypeId === '0-136' || (e.subscriptionType?.startsWith('lead.') ?? false);

/** The HubSpot record an event names: "Lead 7", "company 12", "contact 1001". */
export function eventSubject(event: Pick<EventNaming, 'objectId' | 'subscriptionType' | 'objectTypeId'>): string {
  return `${isLeadEvent(event) ? 'Lead' : isCompanyEvent(event) ? 'company' : 'contact'} ${event.objectId}`;
}

/** The record and the change: "contact 1001: lifecyclestage changed to marketingqualifiedlead". */
export function describeEvent(event: EventNaming): string {
  const change = event.propertyName ? `${event.propertyName} changed${event.propertyValue ? ` to ${event.propertyValue}` : ''}` : (event.subscriptionType ?? 'an event');
  return `${eventSubject(event)}: ${change}`;
}
