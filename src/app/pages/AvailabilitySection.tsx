import { Alert, Button, ButtonRow, DateInput, Divider, Flex, Heading, Input, List, LoadingButton, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { PolicyAgreementView } from '../../handlers/agreement/agreementViews.js';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { formatLocal } from '../cards/lib/time.js';

interface DateValue {
  year: number;
  month: number;
  date: number;
}
const isoOf = (d: DateValue | undefined) => (d ? `${d.year}-${String(d.month + 1).padStart(2, '0')}-${String(d.date).padStart(2, '0')}` : '');

/**
 * Availability set in HubSpot: a manager marks a rep of their teams out of office (from a date to
 * a date, with a label) or changes a rep's capacity; a rep marks themself. It takes effect at once
 * for routing and is not a policy change. Who may set it for whom is the server's rule; the form
 * offers only the people it allows.
 */
export function AvailabilitySection({ availability, viewerKnown, backend, timeZone, onChanged }: { availability: PolicyAgreementView['availability']; viewerKnown: boolean; backend: HandoffBackend; timeZone: string; onChanged: () => void }) {
  const [personId, setPersonId] = useState<string | undefined>(availability.theyMaySet[0]?.id);
  const [from, setFrom] = useState<DateValue | undefined>();
  const [to, setTo] = useState<DateValue | undefined>();
  const [label, setLabel] = useState('');
  const [capacity, setCapacity] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  const send = async (request: Parameters<HandoffBackend['setAvailability']>[0]) => {
    setBusy(true);
    try {
      setSaid({ ok: true, text: (await backend.setAvailability(request)).said });
      onChanged();
    } catch (e) {
      setSaid({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex direction="column" gap="sm" testId="availability">
      <Divider />
      <Heading>Availability</Heading>
      <Text>Out of office and capacity set here take effect for routing at once, on every Handoff server. They are not a change of the policy, which keeps its planned leave.</Text>
      {availability.settings.length ? (
        <List testId="availability-settings">
          {availability.settings.map((s) => (
            <Flex key={s.id} direction="row" gap="sm" align="center">
              <Text>{`${s.person} ${s.what}, set by ${s.setBy}, ${formatLocal(s.setAt, timeZone, false)}`}</Text>
              {s.mayClear && (
                <Button testId="availability-clear" onClick={() => void send({ action: 'clear', settingId: s.id })}>
                  Clear
                </Button>
              )}
            </Flex>
          ))}
        </List>
      ) : (
        <Text variant="microcopy">Nobody is marked out of office or given another capacity here.</Text>
      )}
      {availability.theyMaySet.length ? (
        <Flex direction="column" gap="xs" testId="availability-form">
          <Select label="Who" name="person" options={availability.theyMaySet.map((p) => ({ label: p.name, value: p.id }))} value={personId} onChange={(v) => setPersonId(String(v))} testId="availability-person" />
          <Flex direction="row" gap="sm" wrap="wrap">
            <DateInput label="Out of office from" name="from" {...(from ? { value: from } : {})} onChange={(v) => setFrom(v)} testId="availability-from" />
            <DateInput label="Out of office until (the last day away)" name="to" {...(to ? { value: to } : {})} onChange={(v) => setTo(v)} testId="availability-to" />
            <Input label="Why (shown to whoever is routed instead)" name="label" value={label} onChange={(v) => setLabel(v)} placeholder="Sick leave" testId="availability-label" />
          </Flex>
          <ButtonRow>
            <LoadingButton testId="availability-mark" variant="primary" loading={busy} disabled={!personId || !from || !to} onClick={() => void send({ action: 'out-of-office', personId: personId!, from: isoOf(from), to: isoOf(to), ...(label.trim() ? { label: label.trim() } : {}) })}>
              Mark out of office
            </LoadingButton>
          </ButtonRow>
          <Flex direction="row" gap="sm" align="end">
            <NumberInput label="Most open handoffs at once" name="capacity" {...(capacity !== undefined ? { value: capacity } : {})} onChange={(v) => setCapacity(v)} testId="availability-capacity" />
            <LoadingButton testId="availability-set-capacity" loading={busy} disabled={!personId || !capacity} onClick={() => void send({ action: 'capacity', personId: personId!, capacity: capacity! })}>
              Set capacity
            </LoadingButton>
          </Flex>
        </Flex>
      ) : (
        <Text variant="microcopy" testId="availability-read-only">
          {viewerKnown ? "Availability is set by each rep, their team's manager or an admin." : "You are not in the handoff policy's people, so you cannot set anyone's availability (ask RevOps to add you)."}
        </Text>
      )}
      {said && (
        <Alert title={said.ok ? 'Availability set' : 'Not set'} variant={said.ok ? 'success' : 'danger'} testId="availability-said">
          {said.text}
        </Alert>
      )}
    </Flex>
  );
}
