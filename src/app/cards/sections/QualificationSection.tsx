import { Flex, Heading, List, StatusTag, Text } from '@hubspot/ui-extensions';
import type { HandoffState } from '../lib/backend.js';

const STAGE_LABEL: Record<string, string> = { mql: 'MQL', lead: 'Lead (not an MQL)', disqualified: 'Disqualified' };

/** The lead's qualification with every criterion met and unmet, in the policy's own words. */
export function QualificationSection({ state }: { state: HandoffState }) {
  const q = state.qualification;
  return (
    <Flex direction="column" gap="xs">
      <Heading>Qualification</Heading>
      <Flex gap="sm" align="center">
        <StatusTag variant={q.stage === 'mql' ? 'success' : q.stage === 'disqualified' ? 'danger' : 'default'}>{STAGE_LABEL[q.stage] ?? q.stage}</StatusTag>
        <Text variant="microcopy">Policy {q.policyVersion}</Text>
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
      <List variant="unordered-styled">
        {[...q.met, ...q.unmet].map((c) => (
          <Text key={c.id} testId={`criterion-${c.id}`}>
            {c.met ? '✓' : '✗'} {c.label}
            {c.met ? '' : ` (${c.detail})`}
          </Text>
        ))}
      </List>
    </Flex>
  );
}
