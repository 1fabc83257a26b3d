import { Button, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { HandoffState } from '../lib/backend.js';
import { formatLocal } from '../lib/time.js';
import { EVENT_LABELS } from '../../../domain/labels/labels.js';

const WHAT: Record<string, string> = EVENT_LABELS;

function who(actor: string, names: (ownerId: string) => string): string {
  const [kind, id = ''] = actor.split(':');
  if (kind === 'user') return names(id);
  if (kind === 'workflow') return 'a HubSpot workflow';
  return 'Handoff';
}

/** The handoff's timeline, newest first: when, who, what, why (from Handoff's ledger; the latest entries, with how many more there are). */
export function HistorySection({ state, viewerTimeZone, names, showAll }: { state: HandoffState; viewerTimeZone: string; names: (ownerId: string) => string; showAll?: () => void }) {
  if (state.history.length === 0) return null;
  return (
    <Flex direction="column" gap="xs">
      <Heading>History</Heading>
      {state.historyTotal > state.history.length && (
        <Flex gap="sm" align="center">
          <Text variant="microcopy" testId="history-more">
            The latest {state.history.length} of {state.historyTotal} entries.
          </Text>
          {showAll && (
            <Button testId="history-all" size="extra-small" variant="transparent" onClick={showAll}>
              Show all
            </Button>
          )}
        </Flex>
      )}
      {state.history.map((h, i) => (
        <Flex key={`${h.at}-${h.event}-${i}`} direction="column" gap="flush">
          {i > 0 && <Divider distance="extra-small" />}
          <Text format={{ fontWeight: 'demibold' }} testId={`history-${i}`}>
            {WHAT[h.event] ?? h.event}
            {h.ownerId && (h.event === 'route' || h.event === 'reassign' || h.event === 'reroute' || h.event === 'recycle') ? ` → ${names(h.ownerId)}` : ''}
          </Text>
          <Text variant="microcopy">
            {formatLocal(h.at, viewerTimeZone, false)} · {who(h.actor, names)} · policy {h.policyVersion}
          </Text>
          <Text variant="microcopy">{h.reason}</Text>
          {h.note && <Text variant="microcopy">Note: {h.note}</Text>}
        </Flex>
      ))}
    </Flex>
  );
}
