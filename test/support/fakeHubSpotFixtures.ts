import type { FakeHubSpot } from '../../src/fake-hubspot/fakeHubSpot.js';
import type { ObjectType } from '../../src/fake-hubspot/crm/objectTypes.js';
import type { Owner } from '../../src/fake-hubspot/crm/records.js';

/** An owner in the fake portal, active unless said otherwise. */
export function seedOwner(fake: FakeHubSpot, owner: Partial<Owner> & { id: string }): Owner {
  const full: Owner = {
    email: `owner${owner.id}@example.com`,
    firstName: 'Owner',
    lastName: owner.id,
    userId: Number(owner.id) + 9_000_000,
    type: 'PERSON',
    archived: false,
    createdAt: 0,
    updatedAt: 0,
    teams: [],
    ...owner,
  };
  fake.store.putOwner(full);
  return full;
}

/** Records written straight into the store (no API calls), e.g. 10,050 contacts for paging. */
export function seedRecords(fake: FakeHubSpot, type: ObjectType, rows: Record<string, string>[]): string[] {
  return rows.map((row) => {
    const check = fake.store.checkWrite(type, row);
    if (!check.ok) throw new Error(`bad seed row ${JSON.stringify(row)}: ${JSON.stringify(check.errors)}`);
    return fake.store.create(type, check.values, { sourceType: 'IMPORT' }).id;
  });
}

/** What an api-client call that must fail threw: HubSpot's status code, body and headers. */
export async function apiFailure<B = { category: string; message: string; correlationId: string; context?: Record<string, string[]> }>(
  promise: Promise<unknown>,
): Promise<{ code: number; body: B; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected the call to fail');
}
