import type { HandoffPolicy, Person } from '../policy/policy.schema.js';
import { personByOwnerId } from '../decisions/handoffOf.js';
import type { HandoffHealth } from './handoffHealth.js';

/** Who is looking at the health view, and what the policy's roles let them see. */
export interface HealthAudience {
  /** admin: everything; manager: the teams they manage and their people; rep: their own figures and their team's totals; marketing: team totals; unknown: the funnel only. */
  scope: 'admin' | 'manager' | 'rep' | 'marketing' | 'unknown';
  /** Who, in words, for the page's heading. */
  who: string;
}

/** Whether a person sees Handoff's own work (parked jobs and writes, the server's state): as the health view's scopes go, admins and managers (by role, or named a team's manager), never marketing. */
export function seesHandoffOperations(policy: HandoffPolicy, viewerOwnerId: string): boolean {
  const viewer = personByOwnerId(policy, viewerOwnerId);
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'marketing') return false;
  return viewer.role === 'manager' || policy.teams.some((t) => t.manager === viewer.id);
}

/**
 * The health view as the viewer may see it (from the policy's roles): an admin sees everything; a
 * manager sees the teams they manage and their people; a rep sees their own figures, their team's
 * totals and their own leads needing attention; marketing sees team totals; someone not in the
 * policy sees the funnel only. The funnel and the portal's totals are everyone's.
 */
export function visibleHealth(health: HandoffHealth, policy: HandoffPolicy, viewerOwnerId: string | undefined): HandoffHealth & { audience: HealthAudience } {
  const viewer: Person | undefined = personByOwnerId(policy, viewerOwnerId);
  if (!viewer) return { ...health, byOwner: [], byTeam: [], attention: [], audience: { scope: 'unknown', who: 'someone not in the handoff policy (ask RevOps to add you to its people)' } };
  if (viewer.role === 'admin') return { ...health, audience: { scope: 'admin', who: `${viewer.name} (admin: everything)` } };
  if (viewer.role === 'marketing') return { ...health, byOwner: [], attention: [], audience: { scope: 'marketing', who: `${viewer.name} (marketing: team totals)` } };
  const managed = policy.teams.filter((t) => t.manager === viewer.id).map((t) => t.id);
  const teams = viewer.role === 'manager' || managed.length ? [...new Set([...managed, ...(viewer.team ? [viewer.team] : [])])] : viewer.team ? [viewer.team] : [];
  const inTeams = (ownerId: string | undefined) => {
    const p = personByOwnerId(policy, ownerId);
    return p?.team !== undefined && teams.includes(p.team);
  };
  if (viewer.role === 'manager' || managed.length) {
    return {
      ...health,
      byOwner: health.byOwner.filter((o) => inTeams(o.id)),
      byTeam: health.byTeam.filter((t) => teams.includes(t.id)),
      attention: health.attention.filter((a) => inTeams(a.ownerId)),
      audience: { scope: 'manager', who: `${viewer.name} (manager: ${teams.map((t) => policy.teams.find((x) => x.id === t)?.name ?? t).join(', ')})` },
    };
  }
  return {
    ...health,
    byOwner: health.byOwner.filter((o) => o.id === viewerOwnerId),
    byTeam: health.byTeam.filter((t) => t.id === viewer.team),
    attention: health.attention.filter((a) => a.ownerId === viewerOwnerId),
    audience: { scope: 'rep', who: `${viewer.name} (your figures and your team's totals)` },
  };
}
