import { Alert, Flex, Heading, List, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { ATTEMPT_RESULT_LABELS, ATTEMPT_SOURCE_LABELS, RESPONSE_LABELS, SLA_STATUS_LABELS } from '../../../domain/labels/labels.js';
import type { HandoffState } from '../lib/backend.js';
import { formatLocal, formatMinutes } from '../lib/time.js';
import { useBusinessCountdown } from '../lib/useBusinessCountdown.js';

const LOOK = {
  on_track: { variant: 'success', label: SLA_STATUS_LABELS.on_track },
  at_risk: { variant: 'warning', label: SLA_STATUS_LABELS.at_risk },
  breached: { variant: 'danger', label: SLA_STATUS_LABELS.breached },
  met: { variant: 'success', label: SLA_STATUS_LABELS.met },
  missed: { variant: 'danger', label: SLA_STATUS_LABELS.missed },
} as const;
const RESPONSE = RESPONSE_LABELS;
const RESULT: Record<string, string> = ATTEMPT_RESULT_LABELS;
const HOW: Record<string, string> = ATTEMPT_SOURCE_LABELS;

/**
 * The response SLA of the current owner: a live countdown of remaining business time (computed in
 * the card from the owner's calendar, ticking every 30 s) until their first response (a touch, an
 * accept or a reject), then met or missed for good; the decision due time and a stuck warning;
 * and each earlier owner's turn, with how it ended.
 */
export function SlaSection({ sla, clock, viewerTimeZone, attempts = [], decision }: { sla: NonNullable<HandoffState['sla']>; clock: () => Date; viewerTimeZone: string; attempts?: HandoffState['attempts']; decision?: HandoffState['decision'] }) {
  const stopped = sla.status === 'met' || sla.status === 'missed';
  const input = useMemo(
    () => ({ dueAt: sla.dueAt, startedAt: sla.startedAt, windows: sla.windows, atRiskPercent: sla.atRiskPercent, stopped }),
    [sla.dueAt, sla.startedAt, sla.windows, sla.atRiskPercent, stopped],
  );
  const countdown = useBusinessCountdown(input, clock);
  const status = (countdown?.status ?? sla.status) as keyof typeof LOOK;
  const look = LOOK[status] ?? LOOK.on_track;
  return (
    <Flex direction="column" gap="xs">
      <Heading>Response SLA{sla.tierLabel ? `: ${sla.tierLabel}` : ''}</Heading>
      <Flex gap="sm" align="center">
        <StatusTag variant={look.variant} testId="sla-status">
          {look.label}
        </StatusTag>
        {countdown && (
          <Text testId="sla-remaining" format={{ fontWeight: 'bold' }}>
            {countdown.status === 'breached' ? 'Past due' : `${formatMinutes(countdown.remainingMinutes)} of business time left`}
          </Text>
        )}
        {stopped && sla.respondedAt && (
          <Text testId="sla-response">
            {RESPONSE[sla.respondedBy ?? 'touch']} {formatLocal(sla.respondedAt, viewerTimeZone, false)}
          </Text>
        )}
        {stopped && !sla.respondedAt && <Text testId="sla-response">No response before the lead moved on</Text>}
      </Flex>
      {!stopped && <ProgressBar value={Math.min(100, sla.percentUsed)} maxValue={100} variant={look.variant === 'success' ? 'success' : look.variant === 'warning' ? 'warning' : 'danger'} showPercentage={false} />}
      <Text variant="microcopy" testId="sla-due">
        Response due {formatLocal(sla.dueAt, viewerTimeZone)}
        {decision ? `; accept or reject due ${formatLocal(decision.dueAt, viewerTimeZone)}` : ''}
      </Text>
      {decision?.stuck && (
        <Alert title="Stuck" variant="warning" testId="stuck">
          Nobody has accepted or rejected this lead since {formatLocal(decision.dueAt, viewerTimeZone)}: accept it or reject it with a reason.
        </Alert>
      )}
      {attempts.length > 1 && (
        <List variant="unordered-styled">
          {attempts.slice(0, -1).map((a) => (
            <Text key={a.number} variant="microcopy" testId={`attempt-${a.number}`}>
              {a.ownerName}, {HOW[a.source] ?? a.source} {formatLocal(a.startedAt, viewerTimeZone, false)}: {RESULT[a.result] ?? a.result}
              {a.endedWhy ? ` (${a.endedWhy})` : ''}
            </Text>
          ))}
        </List>
      )}
    </Flex>
  );
}
