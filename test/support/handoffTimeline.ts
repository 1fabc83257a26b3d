import type { FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import type { EventSummary } from '../../src/domain/index.js';

/** Every transition committed on a contact, oldest first (handoff_last_event's history in the fake). */
export function timeline(fake: FakeHubSpot, contactId: string): EventSummary[] {
  const entries = fake.store.get('contacts', contactId)?.history.get('handoff_last_event') ?? [];
  return entries
    .filter((e) => e.value)
    .map((e) => JSON.parse(e.value) as EventSummary)
    .reverse();
}

/** A contact's current properties from the fake. */
export const propertiesOf = (fake: FakeHubSpot, contactId: string): Record<string, string> => Object.fromEntries(fake.store.get('contacts', contactId)!.properties);

/** Notes and tasks associated with a contact. */
export function activitiesOf(fake: FakeHubSpot, contactId: string): { notes: string[]; tasks: string[] } {
  const ids = (type: 'notes' | 'tasks') => fake.store.associations('contacts', contactId, type).map((a) => a.toId);
  return { notes: ids('notes'), tasks: ids('tasks') };
}
