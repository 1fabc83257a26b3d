import { ownerIdOf, type Actor, type HandoffPolicy, type Viewer } from '../domain/index.js';

/**
 * The person acting in a card, from the HubSpot user's email (matched to the policy's people,
 * whose owner ids routing uses). Someone not in the policy acts as `user:<id>`, who owns nothing.
 */
export function viewerActor(policy: HandoffPolicy, email: string | undefined, userId?: string | number): Actor {
  const person = email ? policy.people.find((p) => p.email?.toLowerCase() === email.toLowerCase()) : undefined;
  return person ? { kind: 'user', id: ownerIdOf(person) } : { kind: 'user', id: `user:${userId ?? email ?? 'unknown'}` };
}

/** The same viewer as the card sees it: known (a person in the policy, by owner id) or unknown (who the server will refuse). */
export function viewerOf(actor: Actor): Viewer {
  return actor.id.startsWith('user:') ? { kind: 'unknown', who: actor.id.slice('user:'.length) } : { kind: 'known', ownerId: actor.id };
}
