import { Alert, Button, ButtonRow, Flex, Heading, LoadingButton, Select, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { BackendError, type HandoffState, type OutcomeRequest } from '../lib/backend.js';

type Action = OutcomeRequest['action'];
const LABEL: Record<Action, string> = { accept: 'Accept', reject: 'Reject', recycle: 'Recycle' };
const CONFIRM: Record<Action, string> = {
  accept: 'Accept this lead as a Sales Qualified Lead?',
  reject: 'Reject this lead with the reason below?',
  recycle: 'Send this lead back to marketing for re-engagement, with the reason below?',
};

/**
 * Accept, reject with a reason (required, from the policy's list) and an optional note, or recycle;
 * each with a confirmation step, a loading state and a clear error. Disabled actions say why.
 */
export function ActionsSection({ state, submit }: { state: HandoffState; submit: (request: Omit<OutcomeRequest, 'contactId' | 'expectedVersion'>) => Promise<void> }) {
  const [pending, setPending] = useState<Action | undefined>();
  const [reason, setReason] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [reasonMissing, setReasonMissing] = useState(false);

  const offered = (['accept', 'reject', 'recycle'] as const).filter((a) => state.actions[a].shown);
  const why = state.actions.note;
  const errorAlert = error && (
    <Alert testId="action-error" title="Not saved" variant="danger">
      {error}
    </Alert>
  );
  if (offered.length === 0) {
    return (
      <Flex direction="column" gap="xs">
        <Heading>Actions</Heading>
        {errorAlert}
        {why && (
          <Text variant="microcopy" testId="actions-disabled">
            {why}
          </Text>
        )}
      </Flex>
    );
  }

  const confirm = async () => {
    if (!pending) return;
    if ((pending === 'reject' || pending === 'recycle') && !reason) {
      setReasonMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await submit({ action: pending, ...(pending !== 'accept' ? { reasonCode: reason } : {}), ...(note.trim() && pending !== 'accept' ? { note: note.trim() } : {}) });
      setPending(undefined);
      setReason(undefined);
      setNote('');
    } catch (e) {
      const err = e instanceof BackendError ? e : new BackendError('UNKNOWN', (e as Error).message, true);
      if (err.code === 'CONFLICT') {
        // The card has reloaded the handoff as it is now; the choice made on the old one is dropped.
        setPending(undefined);
        setError('Not saved: this handoff changed after the card showed it. The card now shows it as it is: look again before you act.');
      } else {
        // A refusal (not the owner, not allowed in this state) will not change on a retry: close the form.
        if (!err.retryable) setPending(undefined);
        setError(`Not saved: ${err.message}${err.retryable ? ' Try again.' : ''}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Actions</Heading>
      {!pending && (
        <ButtonRow>
          {offered.map((a) => (
            <Button key={a} testId={`action-${a}`} variant={a === 'accept' ? 'primary' : a === 'reject' ? 'destructive' : 'secondary'} disabled={!state.actions[a].enabled} onClick={() => {
                setReason(undefined);
                setPending(a);
              }}>
              {LABEL[a]}
            </Button>
          ))}
        </ButtonRow>
      )}
      {!pending && why && (
        <Text variant="microcopy" testId="actions-disabled">
          {why}
        </Text>
      )}
      {pending && (
        <Flex direction="column" gap="sm">
          <Text format={{ fontWeight: 'demibold' }}>{CONFIRM[pending]}</Text>
          {pending !== 'accept' && (
            <Select
              testId={`${pending}-reason`}
              label="Reason"
              name="reason"
              required
              placeholder="Choose the agreed reason"
              options={(pending === 'reject' ? state.rejectionReasons : state.recycleReasons).map((r) => ({ label: r.label, value: r.code }))}
              value={reason}
              error={reasonMissing}
              validationMessage={reasonMissing ? `A ${pending === 'reject' ? 'rejection' : 'recycle'} needs one of the agreed reasons.` : undefined}
              onChange={(v) => {
                setReason(String(v));
                setReasonMissing(false);
              }}
            />
          )}
          {pending !== 'accept' && <TextArea testId="outcome-note" label="Note (optional)" name="note" value={note} onChange={(v) => setNote(v)} maxLength={2000} />}
          <ButtonRow>
            <LoadingButton testId="confirm" variant={pending === 'reject' ? 'destructive' : 'primary'} loading={busy} onClick={confirm}>
              Confirm {LABEL[pending].toLowerCase()}
            </LoadingButton>
            <Button testId="cancel" variant="secondary" disabled={busy} onClick={() => setPending(undefined)}>
              Cancel
            </Button>
          </ButtonRow>
        </Flex>
      )}
      {errorAlert}
    </Flex>
  );
}
