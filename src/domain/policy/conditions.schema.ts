import { z } from 'zod';

/**
 * Conditions over a lead's contact and company properties, as the heads of sales and
 * marketing write them in the policy: `field: company.numberofemployees, op: gte, value: 20`.
 */
export const FIELD_PATTERN = /^(contact|company)\.[a-z0-9_]+$/;

const field = z
  .string()
  .regex(FIELD_PATTERN, { error: 'must be "contact.<property>" or "company.<property>" (HubSpot internal property names are lower case)' });
const label = z.string().min(1, { error: 'every criterion needs a human label' });
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const base = { id: z.string().regex(/^[a-z0-9_-]+$/).optional(), label, field };

export const LeafCondition = z.discriminatedUnion('op', [
  z.strictObject({ ...base, op: z.literal('equals'), value: scalar }),
  z.strictObject({ ...base, op: z.literal('not_equals'), value: scalar }),
  z.strictObject({ ...base, op: z.literal('in'), value: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ ...base, op: z.literal('not_in'), value: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.strictObject({ ...base, op: z.literal('gte'), value: z.number() }),
  z.strictObject({ ...base, op: z.literal('lte'), value: z.number() }),
  z.strictObject({ ...base, op: z.literal('contains'), value: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]) }),
  z.strictObject({ ...base, op: z.literal('exists') }),
  z.strictObject({ ...base, op: z.literal('not_exists') }),
  z.strictObject({ ...base, op: z.literal('within_days'), value: z.number().int().positive() }),
  z.strictObject({ ...base, op: z.literal('email_domain_in'), value: z.array(z.string().min(1)).min(1) }),
  /** A personal address: free mail (HubSpot's blocked list, Irish and UK providers) and the policy's `accounts.personalDomains`. */
  z.strictObject({ ...base, op: z.literal('email_domain_personal') }),
]);
export type LeafCondition = z.infer<typeof LeafCondition>;
export type ConditionOp = LeafCondition['op'];

export type ConditionGroup = { label?: string | undefined; all?: ConditionNode[] | undefined; any?: ConditionNode[] | undefined };
export type ConditionNode = LeafCondition | ConditionGroup;

export const ConditionGroup: z.ZodType<ConditionGroup, unknown> = z.lazy(() =>
  z
    .strictObject({
      label: z.string().min(1).optional(),
      all: z.array(ConditionNode).min(1).optional(),
      any: z.array(ConditionNode).min(1).optional(),
    })
    .refine((g) => (g.all === undefined) !== (g.any === undefined), { error: 'a group has exactly one of "all" or "any"' }),
);

/**
 * A node is a leaf when it names a `field`, otherwise a group. Dispatching on that
 * (rather than a plain union) keeps error messages about the branch the author meant.
 */
export const ConditionNode: z.ZodType<ConditionNode, unknown> = z.lazy(() =>
  z.unknown().transform((value, ctx) => {
    const schema = typeof value === 'object' && value !== null && 'field' in value ? LeafCondition : ConditionGroup;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data as ConditionNode;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path, params: { original: issue } });
    }
    return z.NEVER;
  }),
);

export function isLeaf(node: ConditionNode): node is LeafCondition {
  return 'field' in node;
}
