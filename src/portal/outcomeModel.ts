/**
 * The demo's stated model of what sales does with an MQL, so that the evidence has something true
 * to find. By the criterion keys of the shipped policy (a criterion not named makes no difference):
 *
 * - sales accepts 45 % of MQLs;
 * - "Asked for a demo or to talk to sales" (demo-request) adds 25 points: it helps;
 * - "HubSpot score is 60 or more" (lead-score) takes 25 points away: it hurts (the score rewards
 *   reading, and students and job seekers read a lot);
 * - page views, recent conversion, country, size and job title make no difference;
 * - of the accepted leads, 30 % become opportunities, 50 % when the lead asked for a demo;
 * - 5 % of worked leads are left undecided; of the rest not accepted, 1 in 7 is recycled rather than rejected.
 *
 * The local portal's history and the generated history export both draw from it.
 */
export const DEMO_OUTCOME_MODEL = {
  acceptance: { base: 0.45, effects: { 'demo-request': 0.25, 'lead-score': -0.25 } as Readonly<Record<string, number>> },
  opportunity: { base: 0.3, effects: { 'demo-request': 0.2 } as Readonly<Record<string, number>> },
  undecided: 0.05,
  recycledShare: 1 / 7,
} as const;

const clamp = (p: number) => Math.min(1, Math.max(0, p));
const chance = (part: { base: number; effects: Readonly<Record<string, number>> }, met: (key: string) => boolean) =>
  clamp(part.base + Object.entries(part.effects).reduce((sum, [key, effect]) => sum + (met(key) ? effect : 0), 0));

/** The model's chances for one MQL, from which criteria it met. */
export function outcomeChances(met: (key: string) => boolean): { accept: number; opportunity: number } {
  return { accept: chance(DEMO_OUTCOME_MODEL.acceptance, met), opportunity: chance(DEMO_OUTCOME_MODEL.opportunity, met) };
}

export type ModelOutcome = 'open' | 'accepted' | 'opportunity' | 'rejected' | 'recycled';

/** One draw of the model for an MQL, from uniform numbers in [0, 1). */
export function drawOutcome(met: (key: string) => boolean, u: { decided: number; accept: number; opportunity: number; recycle: number }): ModelOutcome {
  if (u.decided < DEMO_OUTCOME_MODEL.undecided) return 'open';
  const c = outcomeChances(met);
  if (u.accept < c.accept) return u.opportunity < c.opportunity ? 'opportunity' : 'accepted';
  return u.recycle < DEMO_OUTCOME_MODEL.recycledShare ? 'recycled' : 'rejected';
}
