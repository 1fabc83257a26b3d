import { Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { HandoffState } from '../lib/backend.js';

/** Who owns the lead and why this owner: the routing explanation, including who was skipped. */
export function OwnerSection({ state }: { state: HandoffState }) {
  if (!state.owner) return null;
  return (
    <Flex direction="column" gap="xs">
      <Heading>Owner</Heading>
      <Text format={{ fontWeight: 'demibold' }} testId="owner-name">
        {state.owner.name}
      </Text>
      {state.routing?.explanation && (
        <Text variant="microcopy" testId="routing-explanation">
          Why: {state.routing.explanation}
        </Text>
      )}
    </Flex>
  );
}
