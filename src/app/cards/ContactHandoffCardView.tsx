import { Button, Divider, EmptyState, ErrorState, Flex, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import { HANDOFF_STAGE_LABELS } from '../../domain/labels/labels.js';
import { BackendError, type HandoffBackend, type OutcomeRequest } from './lib/backend.js';
import { useBackendLoad } from './lib/useBackendLoad.js';
import { ActionsSection } from './sections/ActionsSection.js';
import { HistorySection } from './sections/HistorySection.js';
import { OwnerSection } from './sections/OwnerSection.js';
import { QualificationSection } from './sections/QualificationSection.js';
import { SlaSection } from './sections/SlaSection.js';

export interface ContactHandoffCardProps {
  backend: HandoffBackend;
  contactId: string;
  /** The rep's time zone for due times (their HubSpot user's, else the owner's calendar zone). */
  viewerTimeZone?: string;
  clock?: () => Date;
  /** Refresh the record's properties after an action (HubSpot's actions.refreshObjectProperties). */
  refreshProperties?: () => void;
  /** Confirm what an action did (HubSpot's actions.addAlert). */
  addAlert?: (alert: { type: 'success' | 'info' | 'warning' | 'danger'; title?: string; message: string }) => void;
}

const VARIANT: Record<string, 'success' | 'warning' | 'danger' | 'info' | 'default'> = { new: 'default', mql: 'info', routed: 'warning', accepted: 'success', rejected: 'danger', converted: 'success', recycled: 'default' };


/** What an action did, in one sentence (the card confirms every outcome). */
function confirmation(result: { stage: string; ownerId?: string; reroutedTo?: { ownerId: string } }, names: (ownerId: string) => string): string {
  if (result.reroutedTo) return `Rejected, and routed again to ${names(result.reroutedTo.ownerId)}.`;
  const stage = HANDOFF_STAGE_LABELS[result.stage as keyof typeof HANDOFF_STAGE_LABELS] ?? result.stage;
  return result.stage === 'recycled' ? `${stage}${result.ownerId ? `: ${names(result.ownerId)} has it now` : ''}.` : `The lead is now ${stage}.`;
}

/** The rep's view of a contact's handoff (the card's body; the backend is injected). */
export function ContactHandoffCardView({ backend, contactId, viewerTimeZone, clock = () => new Date(), refreshProperties, addAlert }: ContactHandoffCardProps) {
  const [allHistory, setAllHistory] = useState(false);
  const [load, reload] = useBackendLoad(useCallback(() => backend.handoffState(contactId, allHistory ? { history: 'all' } : {}), [backend, contactId, allHistory]));

  if (load.kind === 'loading') return <LoadingSpinner label="Loading the handoff…" layout="centered" />;
  if (load.kind === 'error') {
    return (
      <ErrorState title="Handoff could not load this lead" testId="load-error">
        <Text>{load.error.message}</Text>
        <Button
          testId="retry"
          onClick={() => void reload({ showLoading: true })}
        >
          Try again
        </Button>
      </ErrorState>
    );
  }

  const state = load.value;
  const zone = viewerTimeZone ?? state.sla?.timeZone ?? state.owner?.timeZone ?? 'Europe/Dublin';
  const names = (ownerId: string) => state.ownerNames?.[ownerId] ?? (ownerId === state.owner?.ownerId ? state.owner.name : `owner ${ownerId}`);
  // The click applies to the version shown: a double click replays, a stale card gets "changed since it was shown".
  const submit = async (request: Omit<OutcomeRequest, 'contactId' | 'expectedVersion'>) => {
    try {
      const result = await backend.recordOutcome({ ...request, contactId, expectedVersion: state.record.version });
      addAlert?.({ type: 'success', title: 'Saved', message: confirmation(result, names) });
    } catch (e) {
      // Someone else changed the handoff first: show it as it is now, and say so (ActionsSection).
      if (e instanceof BackendError && e.code === 'CONFLICT') {
        refreshProperties?.();
        await reload();
      }
      throw e;
    }
    refreshProperties?.();
    await reload();
  };
  const stage = { label: HANDOFF_STAGE_LABELS[state.stage as keyof typeof HANDOFF_STAGE_LABELS] ?? state.stage, variant: VARIANT[state.stage] ?? ('default' as const) };

  if (state.stage === 'new' && state.qualification.stage !== 'mql') {
    return (
      <Flex direction="column" gap="sm">
        <EmptyState title="Not in a handoff" layout="vertical" reverseOrder testId="no-handoff">
          <Text testId="not-mql">{state.qualification.summary}</Text>
        </EmptyState>
        <QualificationSection state={state} />
      </Flex>
    );
  }

  return (
    <Flex direction="column" gap="sm">
      <Flex gap="sm" align="center">
        <StatusTag variant={stage.variant} testId="stage">
          {stage.label}
        </StatusTag>
        {state.record.handoffCount > 1 && <Text variant="microcopy">Handoff #{state.record.handoffCount}</Text>}
      </Flex>
      {state.sla && state.stage === 'routed' && <SlaSection sla={state.sla} clock={clock} viewerTimeZone={zone} attempts={state.attempts} {...(state.decision ? { decision: state.decision } : {})} />}
      <OwnerSection state={state} />
      <ActionsSection state={state} submit={submit} />
      {state.sla && state.stage !== 'routed' && <SlaSection sla={state.sla} clock={clock} viewerTimeZone={zone} attempts={state.attempts} />}
      <Divider />
      <QualificationSection state={state} viewerTimeZone={zone} />
      <Divider />
      <HistorySection state={state} viewerTimeZone={zone} names={names} showAll={() => setAllHistory(true)} />
    </Flex>
  );
}
