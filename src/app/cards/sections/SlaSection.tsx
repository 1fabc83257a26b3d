import { Flex, Heading, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import type { HandoffState } from '../lib/backend.js';
import { formatLocal, formatMinutes } from '../lib/time.js';
import { useBusinessCountdown } from '../lib/useBusinessCountdown.js';

const LOOK = {
  on_track: { variant: 'success', label: 'On track' },
  at_risk: { variant: 'warning', label: 'At risk' },
  breached: { variant: 'danger', label: 'Breached' },
  met: { variant: 'success', label: 'Met' },
  missed: { variant: 'danger', label: 'Missed' },
} as const;

/**
 * The first-touch SLA: a live countdown of remaining business time (computed in the card from the
 * owner's calendar, ticking every 30 s), the status colour, and the due time in the rep's zone.
 */
export function SlaSection({ sla, clock, viewerTimeZone }: { sla: NonNullable<HandoffState['sla']>; clock: () => Date; viewerTimeZone: string }) {
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
      <Heading>First-touch SLA{sla.tierLabel ? `: ${sla.tierLabel}` : ''}</Heading>
      <Flex gap="sm" align="center">
        <StatusTag variant={look.variant} testId="sla-status">
          {look.label}
        </StatusTag>
        {countdown && (
          <Text testId="sla-remaining" format={{ fontWeight: 'bold' }}>
            {countdown.status === 'breached' ? 'Past due' : `${formatMinutes(countdown.remainingMinutes)} of business time left`}
          </Text>
        )}
        {stopped && sla.firstTouchAt && <Text testId="sla-first-touch">First touch {formatLocal(sla.firstTouchAt, viewerTimeZone, false)}</Text>}
      </Flex>
      {!stopped && <ProgressBar value={Math.min(100, sla.percentUsed)} maxValue={100} variant={look.variant === 'success' ? 'success' : look.variant === 'warning' ? 'warning' : 'danger'} showPercentage={false} />}
      <Text variant="microcopy" testId="sla-due">
        Due {formatLocal(sla.dueAt, viewerTimeZone)}
      </Text>
    </Flex>
  );
}
