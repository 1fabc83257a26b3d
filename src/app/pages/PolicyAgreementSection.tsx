import { Button, Divider, ErrorState, Flex, Heading, List, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { formatLocal } from '../cards/lib/time.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';
import { AvailabilitySection } from './AvailabilitySection.js';
import { ProposalCard } from './ProposalCard.js';

/**
 * Changing the agreement inside HubSpot: the proposals with their approvers (an approver approves
 * or asks for changes here), every version that has run and how it became active, and
 * availability. `onPolicyChanged` tells the page a new version is active.
 */
export function PolicyAgreementSection({ backend, timeZone, previewed, onPreview, onPolicyChanged }: { backend: HandoffBackend; timeZone: string; previewed?: number | undefined; onPreview: (proposalId: number) => void; onPolicyChanged: () => void }) {
  const [load, reload] = useBackendLoad(useCallback(() => backend.policyAgreement(), [backend]));
  if (load.kind === 'loading') return <LoadingSpinner label="Reading the proposals…" />;
  if (load.kind === 'error') {
    return (
      <ErrorState title="The proposals could not load" testId="agreement-error">
        <Text>{load.error.message}</Text>
        <Button onClick={() => void reload({ showLoading: true })}>Try again</Button>
      </ErrorState>
    );
  }
  const a = load.value;
  const open = a.proposals.filter((p) => p.status !== 'activated' && p.status !== 'withdrawn');
  return (
    <Flex direction="column" gap="md" testId="policy-agreement">
      <Flex direction="column" gap="sm" testId="policy-proposals">
        <Divider />
        <Heading>Proposed changes</Heading>
        <Text testId="policy-active">{`Version ${a.active.version} is active: ${a.active.how}, ${formatLocal(a.active.activatedAt, timeZone, false)}.`}</Text>
        {open.length ? (
          open.map((p) => (
            <ProposalCard
              key={p.id}
              proposal={p}
              backend={backend}
              timeZone={timeZone}
              previewed={previewed === undefined ? p.id === open.find((o) => o.status !== 'stale')?.id : previewed === p.id}
              onPreview={() => onPreview(p.id)}
              onReviewed={(activated) => {
                void reload();
                if (activated) onPolicyChanged();
              }}
            />
          ))
        ) : (
          <Text>No change is waiting for approval. Marketing ops propose one with `handoff propose FILE`; its approvers approve it here.</Text>
        )}
      </Flex>
      <AvailabilitySection availability={a.availability} viewerKnown={a.viewer.name !== undefined} backend={backend} timeZone={timeZone} onChanged={() => void reload()} />
      <Flex direction="column" gap="xs" testId="policy-history">
        <Divider />
        <Heading>Versions that have run</Heading>
        <List>{a.history.map((h) => <Text key={`${h.version}-${h.at}`}>{`${h.version}: ${h.how}, ${formatLocal(h.at, timeZone, false)}`}</Text>)}</List>
      </Flex>
    </Flex>
  );
}
