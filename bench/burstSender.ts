/** The burst as HubSpot's workflows send it, in HubSpot's process of the benchmark: signed "route lead" actions, `inFlight` at a time, each with its contact's properties. */
import type { EnrolledObject } from '../src/fake-hubspot/crm/workflowEnrolment.js';
import { signV2 } from '../src/server/signature.js';
import { jsonPoster } from './postJson.js';

export interface BurstDelivered {
  /** Each delivery's time until its answer, in ms. */
  answers: number[];
  /** Deliveries not answered 200 with SUCCESS. */
  errors: number;
  /** The owner each answered lead was given, by contact id. */
  owners: [string, string][];
}

/** `enrolled`: the contact as the workflow sends it, with the properties the action's definition asks for. */
export async function deliverBurst(ids: readonly string[], enrolled: (id: string) => EnrolledObject | undefined, o: { serverUrl: string; secret: string; inFlight: number; portalId: number }): Promise<BurstDelivered> {
  const url = `${o.serverUrl}/hubspot/actions/route-lead`;
  const owners: [string, string][] = [];
  const answers: number[] = [];
  let next = 0;
  let errors = 0;
  const sender = jsonPoster(o.inFlight);
  try {
    await Promise.all(
      Array.from({ length: o.inFlight }, async () => {
        while (next < ids.length) {
          const i = next++;
          const body = JSON.stringify({ callbackId: `burst-${i}`, origin: { portalId: o.portalId }, context: { workflowId: 42 }, object: enrolled(ids[i]!) ?? { objectId: ids[i], objectType: 'CONTACT' }, inputFields: {} });
          const sent = performance.now();
          const res = await sender.post(url, body, { 'content-type': 'application/json', 'x-hubspot-signature': signV2(o.secret, 'POST', url, body), 'x-hubspot-signature-version': 'v2' });
          const json = res.json as { outputFields?: { owner_id?: string; hs_execution_state?: string } };
          answers.push(performance.now() - sent);
          if (res.status !== 200 || json.outputFields?.hs_execution_state !== 'SUCCESS') errors++;
          else owners.push([ids[i]!, json.outputFields.owner_id ?? '']);
        }
      }),
    );
  } finally {
    sender.close();
  }
  return { answers, errors, owners };
}
