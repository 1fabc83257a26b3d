import { Button, DescriptionList, DescriptionListItem, Divider, EmptyState, ErrorState, Flex, Heading, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import type { HandoffBackend } from './lib/backend.js';
import { useBackendLoad } from './lib/useBackendLoad.js';
import { formatDate } from './lib/time.js';

const STEP: Record<string, string> = { qualify: 'MQL', route: 'routed', reassign: 'reassigned', accept: 'accepted', reject: 'rejected', convert: 'converted', recycle: 'recycled' };


/** Which handoff(s) sourced a deal: contact, MQL and SQL dates, time to deal, first owner, policy, path. */
export function DealOriginCardView({ backend, dealId, timeZone = 'Europe/Dublin' }: { backend: HandoffBackend; dealId: string; timeZone?: string }) {
  const [load, reload] = useBackendLoad(useCallback(() => backend.dealOrigin(dealId), [backend, dealId]));

  if (load.kind === 'loading') return <LoadingSpinner label="Finding where this deal came from…" layout="centered" />;
  if (load.kind === 'error') {
    return (
      <ErrorState title="Handoff could not load this deal's origin">
        <Text>{load.error.message}</Text>
        <Button testId="retry" onClick={() => void reload()}>
          Try again
        </Button>
      </ErrorState>
    );
  }
  const { handoffs, amount } = load.value;
  if (handoffs.length === 0) {
    return (
      <EmptyState title="Not from a handoff" layout="vertical" testId="no-origin">
        <Text>None of this deal’s contacts came through the marketing → sales handoff.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="md">
      {amount && (
        <Text testId="deal-amount">
          <Text inline format={{ fontWeight: 'bold' }}>
            {amount}
          </Text>{' '}
          of pipeline from {handoffs.length === 1 ? 'this handoff' : `these ${handoffs.length} handoffs`}
        </Text>
      )}
      {handoffs.map((h, i) => (
        <Flex key={h.contactId} direction="column" gap="xs">
          {i > 0 && <Divider />}
          <Heading>{h.name}</Heading>
          <DescriptionList direction="row">
            <DescriptionListItem label="MQL">{h.mqlAt ? formatDate(h.mqlAt, timeZone) : '—'}</DescriptionListItem>
            <DescriptionListItem label="SQL">{h.sqlAt ? formatDate(h.sqlAt, timeZone) : '—'}</DescriptionListItem>
            <DescriptionListItem label="MQL to deal">{h.daysMqlToDeal === undefined ? '—' : `${h.daysMqlToDeal} day${h.daysMqlToDeal === 1 ? '' : 's'}`}</DescriptionListItem>
            <DescriptionListItem label="First owner">{h.originalOwner?.name ?? '—'}</DescriptionListItem>
            <DescriptionListItem label="Policy">{h.policyVersion ?? '—'}</DescriptionListItem>
          </DescriptionList>
          <Text variant="microcopy" testId={`path-${h.contactId}`}>
            Path: {h.path.map((p) => STEP[p.event] ?? p.event).join(' → ') || 'no recorded steps'}
          </Text>
        </Flex>
      ))}
    </Flex>
  );
}
