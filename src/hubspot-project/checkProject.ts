import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseProjectConfig, validateProjectConfig, isKnownPlatformVersion } from '@hubspot/project-parsing-lib/projects';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import { fromZodIssues, issueToString } from '../domain/policy/policyIssues.js';
import { COMPONENT_TYPES } from './componentSchemas.js';

/** The developer platform version the project is built for: 2026.09 is GA. */
export const PLATFORM_VERSION = '2026.09';

export interface ProjectCheck {
  platformVersion: string;
  components: { uid: string; type: string; file: string }[];
  problems: string[];
}

/**
 * Check the HubSpot project offline, as far as HubSpot's own parser runs without an
 * account (hsproject.json, every *-hsmeta.json, uids, folders), then each component's
 * config against our schemas for the parts HubSpot checks online.
 */
export async function checkProject(projectDir: string): Promise<ProjectCheck> {
  const problems: string[] = [];
  const raw = JSON.parse(readFileSync(join(projectDir, 'hsproject.json'), 'utf8')) as unknown;
  validateProjectConfig(raw, projectDir);
  const config = parseProjectConfig(projectDir);
  if (!isKnownPlatformVersion(config.platformVersion)) problems.push(`hsproject.json: platformVersion ${config.platformVersion} is not known to HubSpot's parser`);
  // HubSpot's parser knows 2026.09 but still names 2026.03 its latest; the project targets GA 2026.09.
  if (config.platformVersion !== PLATFORM_VERSION) {
    problems.push(`hsproject.json: platformVersion ${config.platformVersion} is not the platform Handoff targets (${PLATFORM_VERSION}, GA; 2026.03 is only "Supported" until about September 2027)`);
  }

  const srcDir = join(projectDir, config.srcDir);
  const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
    { projectSourceDir: srcDir, platformVersion: config.platformVersion },
    { skipValidation: true },
  );
  for (const skipped of skippedHsMetaFiles) problems.push(`${skipped}: skipped by HubSpot's parser (not a component it recognises here)`);

  const components: ProjectCheck['components'] = [];
  for (const node of Object.values(intermediateRepresentation.intermediateNodesIndexedByUid)) {
    const file = node.metaFilePath ?? '(unknown file)';
    const uidProblem = validateUid(node.uid);
    if (uidProblem) problems.push(`${file}: uid ${JSON.stringify(node.uid)}: ${uidProblem}`);
    const known = COMPONENT_TYPES[node.componentType];
    if (!known) {
      problems.push(`${file}: component type ${node.componentType} has no offline schema in src/hubspot-project/componentSchemas.ts`);
      continue;
    }
    components.push({ uid: node.uid, type: known.hsmetaType, file });
    if (dirname(file) !== known.dir) problems.push(`${file}: a ${known.hsmetaType} component must live in ${config.srcDir}/${known.dir}/`);
    const parsed = known.config.safeParse(node.config);
    if (!parsed.success) {
      for (const issue of fromZodIssues(parsed.error.issues, node.config)) problems.push(`${file}: config.${issueToString(issue)}`);
    }
    const entrypoint = (node.config as { entrypoint?: unknown }).entrypoint;
    if (typeof entrypoint === 'string' && !existsSync(join(srcDir, entrypoint))) {
      problems.push(`${file}: entrypoint ${entrypoint} does not exist under ${config.srcDir}/`);
    }
  }
  return { platformVersion: config.platformVersion, components, problems };
}
