import type { HubSpotApi } from './hubspotApi.js';
import { hubspotPaths as paths } from './apiVersion.js';
import type { HandoffPolicy } from '../domain/index.js';
import { contactProperties, dealProperties, HANDOFF_GROUP, RETIRED_CONTACT_PROPERTIES, type DesiredProperty } from './handoffProperties.js';
import { toHubSpotError } from './hubspotError.js';
import { describeStep, planSetup, type ExistingSchema, type SetupStep } from './setupPlan.js';

interface PropertyAnswer {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  description: string;
  groupName: string;
  hidden?: boolean;
  options: { value: string; label: string; hidden: boolean }[];
}

async function existingSchema(client: HubSpotApi, objectType: 'contacts' | 'deals'): Promise<ExistingSchema> {
  try {
    const [groups, properties] = await Promise.all([
      client.get<{ results: { name: string }[] }>(paths.propertyGroups(objectType)),
      client.get<{ results: PropertyAnswer[] }>(paths.properties(objectType)),
    ]);
    return {
      groups: groups.results.map((g) => g.name),
      properties: Object.fromEntries(
        properties.results.map((p) => [p.name, { label: p.label, type: p.type, fieldType: p.fieldType, description: p.description, groupName: p.groupName, hidden: Boolean(p.hidden), options: p.options.map((o) => ({ value: o.value, label: o.label, hidden: o.hidden })) }]),
      ),
    };
  } catch (e) {
    throw toHubSpotError(e, `reading the ${objectType} property schema`);
  }
}

/**
 * HubSpot will not create an enumeration without an option, and a policy may have none of
 * something (no escalation steps). The property is created with this one hidden option, so
 * nobody can pick it; steps added to the policy later become its visible options.
 */
const NO_OPTIONS_YET = { value: 'none', label: 'None in the policy', hidden: true, displayOrder: 0 };

/** Reads the portal's schema and plans what setup would change (nothing when it is up to date). */
export async function planHandoffSetup(client: HubSpotApi, policy: HandoffPolicy): Promise<SetupStep[]> {
  const wanted: ['contacts' | 'deals', DesiredProperty[], readonly { name: string; why: string }[]][] = [
    ['contacts', contactProperties(policy), RETIRED_CONTACT_PROPERTIES],
    ['deals', dealProperties(), []],
  ];
  const plans = await Promise.all(wanted.map(async ([type, props, retired]) => planSetup(type, HANDOFF_GROUP, props, await existingSchema(client, type), retired)));
  return [...plans.flat(), ...(await leadMirrorConflicts(client, policy))];
}

interface PipelineAnswer {
  id: string;
  label: string;
  stages: { id: string; label: string }[];
}

/**
 * What stops Leads being mirrored (policy hubspot.leads: mirror), as conflicts that stop setup
 * before any change: a portal without the Leads object (Sales Hub Professional or Enterprise), a
 * lead pipeline that does not exist, or a stage the policy names that the pipeline lacks.
 */
export async function leadMirrorConflicts(client: HubSpotApi, policy: HandoffPolicy): Promise<SetupStep[]> {
  if (policy.hubspot.leads !== 'mirror') return [];
  const { pipeline: pipelineId, stages } = policy.hubspot.leadPipeline;
  const conflict = (name: string, why: string): SetupStep => ({ kind: 'conflict', objectType: 'leads', name, why });
  let pipeline: PipelineAnswer;
  try {
    pipeline = await client.get<PipelineAnswer>(`${paths.pipelines('leads')}/${encodeURIComponent(pipelineId)}`);
  } catch (e) {
    const err = toHubSpotError(e, `reading lead pipeline ${pipelineId}`);
    if (err.code === 'UNAUTHORIZED')
      return [conflict('hubspot.leads', `mirror needs the Leads object, which this portal does not have: Leads come with Sales Hub Professional or Enterprise, and each Lead's owner needs a sales seat (${err.message}). Set hubspot.leads: off in the policy, or upgrade the portal`)];
    if (err.code !== 'NOT_FOUND') throw err;
    const all = await client.get<{ results: PipelineAnswer[] }>(paths.pipelines('leads'));
    const named = all.results.map((p) => `${p.label} (${p.id})`).join(', ') || 'none';
    return [conflict('hubspot.leadPipeline.pipeline', `the portal has no lead pipeline "${pipelineId}"; its lead pipelines are: ${named}`)];
  }
  const have = new Set(pipeline.stages.map((s) => s.id));
  const listed = pipeline.stages.map((s) => `${s.label} (${s.id})`).join(', ');
  return Object.entries(stages)
    .filter(([, id]) => !have.has(id))
    .map(([stage, id]) => conflict(`hubspot.leadPipeline.stages.${stage}`, `"${id}" is not a stage of ${pipeline.label}; its stages are: ${listed}`));
}

/** Applies a plan; stops at a conflict before writing anything. */
export async function applyHandoffSetup(client: HubSpotApi, steps: SetupStep[], log: (line: string) => void): Promise<void> {
  const conflicts = steps.filter((s) => s.kind === 'conflict');
  if (conflicts.length) throw new Error(`setup stopped before any change:\n${conflicts.map(describeStep).join('\n')}`);
  for (const step of steps) {
    try {
      if (step.kind === 'create-group') await client.post(paths.propertyGroups(step.objectType), { name: step.name, label: step.label });
      else if (step.kind === 'create-property') {
        const p = step.property;
        await client.post(paths.properties(step.objectType), {
          name: p.name,
          label: p.label,
          type: p.type,
          fieldType: p.fieldType,
          groupName: HANDOFF_GROUP.name,
          description: p.description,
          ...(p.options ? { options: p.options.length ? p.options.map((o, i) => ({ ...o, hidden: false, displayOrder: i })) : [NO_OPTIONS_YET] } : {}),
          ...(p.owner ? { externalOptions: true, referencedObjectType: 'OWNER' } : {}),
        });
      } else if (step.kind === 'update-property') await client.patch(paths.property(step.objectType, step.name), step.patch);
    } catch (e) {
      throw toHubSpotError(e, describeStep(step));
    }
    log(`done: ${describeStep(step)}`);
  }
}
