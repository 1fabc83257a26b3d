import { Flex, Heading, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { HandoffState } from '../lib/backend.js';
import { formatLocal } from '../lib/time.js';
import { QUALIFICATION_STAGE_LABELS } from '../../../domain/labels/labels.js';

const STAGE_LABEL: Record<string, string> = QUALIFICATION_STAGE_LABELS;

type Criterion = HandoffState['qualification']['met'][number];

/** The criteria under the groups the policy nests them in (Fit, Engagement, and "Engaged this month" inside it), in the policy's order. */
function groupsOf(criteria: Criterion[]): { path: string[]; criteria: Criterion[] }[] {
  const order = (c: Criterion) => c.within.join('/');
  const groups = new Map<string, { path: string[]; criteria: Criterion[] }>();
  for (const c of criteria) {
    const key = order(c);
    const g = groups.get(key) ?? { path: c.within, criteria: [] };
    g.criteria.push(c);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * The lead's qualification as judged when it was routed (criteria met and unmet, the values seen,
 * the policy version), in the policy's own words; today's re-check beside it only when it differs.
 */
export function QualificationSection({ state, viewerTimeZone = 'Europe/Dublin' }: { state: HandoffState; viewerTimeZone?: string }) {
  const q = state.qualification;
  const today = state.qualificationToday;
  return (
    <Flex direction="column" gap="xs">
      <Heading>Qualification</Heading>
      <Flex gap="sm" align="center">
        <StatusTag variant={q.stage === 'mql' ? 'success' : q.stage === 'disqualified' ? 'danger' : 'default'} testId="qualification-stage">
          {STAGE_LABEL[q.stage] ?? q.stage}
        </StatusTag>
        <Text variant="microcopy" testId="qualification-when">
          {q.recorded ? `When routed, ${formatLocal(q.at, viewerTimeZone, false)}` : 'Today'} · policy {q.policyVersion}
        </Text>
      </Flex>
      <Text>{q.summary}</Text>
      {q.disqualifiedBy.length > 0 && (
        <List variant="unordered-styled">
          {q.disqualifiedBy.map((c) => (
            <Text key={c.id} testId={`disqualified-${c.id}`}>
              ⛔ {c.label}: {c.detail}
            </Text>
          ))}
        </List>
      )}
      {groupsOf(q.criteria ?? [...q.met, ...q.unmet]).map((g) => (
        <Flex key={g.path.join('/') || 'top'} direction="column" gap="flush">
          {g.path.length > 0 && (
            <Text format={{ fontWeight: 'demibold' }} testId={`group-${g.path.join('/')}`}>
              {'  '.repeat(g.path.length - 1)}
              {g.path.at(-1)}
            </Text>
          )}
          <List variant="unordered-styled">
            {g.criteria.map((c) => (
              <Text key={c.id} testId={`criterion-${c.id}`}>
                {'  '.repeat(Math.max(0, g.path.length - 1))}
                {c.met ? '✓' : '✗'} {c.label}
                {c.met ? '' : ` (${c.detail})`}
              </Text>
            ))}
          </List>
        </Flex>
      ))}
      {today && (
        <Text variant="microcopy" testId="qualification-today">
          Checked again today: {STAGE_LABEL[today.stage] ?? today.stage}. {today.summary}
        </Text>
      )}
    </Flex>
  );
}
