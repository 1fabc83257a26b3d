import { BarChart, Button, EmptyState, ErrorState, Flex, Heading, Link, LoadingSpinner, Select, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';
import { formatMinutes } from '../cards/lib/time.js';

const PERIODS = [
  { label: 'This quarter', value: 'this-quarter' },
  { label: 'Last quarter', value: 'last-quarter' },
  { label: 'Last 30 days', value: 'last-30-days' },
  { label: 'Last 90 days', value: 'last-90-days' },
];

const pct = (v: number | undefined) => (v === undefined ? '—' : `${v}%`);

/** The managers' handoff health: funnel, SLA compliance and time to first touch by owner and team, what needs attention, why sales rejects. */
export function HandoffHealthView({ backend, portalId, initialPeriod = 'last-quarter' }: { backend: HandoffBackend; portalId?: number; initialPeriod?: string }) {
  const [period, setPeriod] = useState(initialPeriod);
  const [load, reload] = useBackendLoad(useCallback(() => backend.handoffHealth(period), [backend, period]), { showLoading: true });

  const picker = <Select testId="period" label="Period" name="period" options={PERIODS} value={period} onChange={(v) => setPeriod(String(v))} />;
  if (load.kind === 'loading') return <Flex direction="column" gap="md">{picker}<LoadingSpinner label="Counting the handoffs…" layout="centered" /></Flex>;
  if (load.kind === 'error') {
    return (
      <Flex direction="column" gap="md">
        {picker}
        <ErrorState title="Handoff health could not load">
          <Text>{load.error.message}</Text>
          <Button testId="retry" onClick={() => void reload()}>
            Try again
          </Button>
        </ErrorState>
      </Flex>
    );
  }
  const h = load.value;
  const recordLink = (contactId: string) => (portalId ? `https://app.hubspot.com/contacts/${portalId}/record/0-1/${contactId}` : `/contacts/record/0-1/${contactId}`);
  return (
    <Flex direction="column" gap="lg">
      {picker}
      <Heading>
        Handoff health, {h.period.label} (policy {h.policyVersion})
      </Heading>
      {h.funnel.mql === 0 ? (
        <EmptyState title="No MQLs in this period" layout="vertical" testId="no-mqls">
          <Text>Nothing became a Marketing Qualified Lead between these dates.</Text>
        </EmptyState>
      ) : (
        <>
          <Statistics testId="funnel">
            <StatisticsItem label="MQLs" number={String(h.funnel.mql)} />
            <StatisticsItem label={`SQLs (${pct(h.funnel.mqlToSql)} of MQLs)`} number={String(h.funnel.sql)} />
            <StatisticsItem label={`Opportunities (${pct(h.funnel.mqlToOpportunity)} of MQLs)`} number={String(h.funnel.opportunity)} />
            <StatisticsItem label="SLA compliance" number={pct(h.sla.compliance)} />
            <StatisticsItem label="Median time to first touch" number={h.sla.medianFirstTouchMinutes === undefined ? '—' : formatMinutes(h.sla.medianFirstTouchMinutes)} />
          </Statistics>
          <BarChart
            testId="funnel-chart"
            data={[
              { stage: 'MQL', leads: h.funnel.mql },
              { stage: 'SQL', leads: h.funnel.sql },
              { stage: 'Opportunity', leads: h.funnel.opportunity },
            ]}
            axes={{ x: { field: 'stage', fieldType: 'category', label: 'Stage' }, y: { field: 'leads', fieldType: 'linear', label: 'Leads' } }}
            options={{ title: 'MQL → SQL → opportunity' }}
          />
          <BarChart
            testId="sla-chart"
            data={h.byOwner.flatMap((o) => [
              { owner: o.name, outcome: 'Met', leads: o.met },
              { owner: o.name, outcome: 'Missed', leads: o.missed + o.breachedOpen },
            ])}
            axes={{ x: { field: 'owner', fieldType: 'category', label: 'Owner' }, y: { field: 'leads', fieldType: 'linear', label: 'Leads' }, options: { groupFieldByColor: 'outcome', stacking: true } }}
            options={{ title: 'First-touch SLA by owner' }}
          />
          <Table testId="owners">
            <TableHead>
              <TableRow>
                <TableHeader>Owner</TableHeader>
                <TableHeader>MQLs</TableHeader>
                <TableHeader>Accepted</TableHeader>
                <TableHeader>SLA compliance</TableHeader>
                <TableHeader>Median first touch</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...h.byTeam.map((t) => ({ ...t, name: `Team: ${t.name}` })), ...h.byOwner].map((o) => (
                <TableRow key={o.name}>
                  <TableCell>{o.name}</TableCell>
                  <TableCell>{o.mqls}</TableCell>
                  <TableCell>{o.accepted}</TableCell>
                  <TableCell>{pct(o.compliance)}</TableCell>
                  <TableCell>{o.medianFirstTouchMinutes === undefined ? '—' : formatMinutes(o.medianFirstTouchMinutes)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Heading>Needs attention now ({h.attention.length})</Heading>
      {h.attention.length === 0 ? (
        <Text testId="no-attention">No lead is at risk or past its SLA.</Text>
      ) : (
        <Table testId="attention">
          <TableHead>
            <TableRow>
              <TableHeader>Lead</TableHeader>
              <TableHeader>Owner</TableHeader>
              <TableHeader>SLA</TableHeader>
              <TableHeader>Business time left</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {h.attention.map((a) => (
              <TableRow key={a.contactId}>
                <TableCell>
                  <Link href={{ url: recordLink(a.contactId), external: true }}>{a.name ?? `Contact ${a.contactId}`}</Link>
                </TableCell>
                <TableCell>{a.ownerName ?? '—'}</TableCell>
                <TableCell>{a.status === 'breached' ? 'Breached' : 'At risk'}</TableCell>
                <TableCell>{formatMinutes(a.remainingBusinessMinutes)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {h.rejectionsBySource.length > 0 && (
        <>
          <Heading>Why sales rejected leads, by source</Heading>
          <BarChart
            testId="rejections-chart"
            data={h.rejectionsBySource.flatMap((s) => Object.entries(s.reasons).map(([reason, count]) => ({ source: s.source, reason, leads: count })))}
            axes={{ x: { field: 'source', fieldType: 'category', label: 'Source' }, y: { field: 'leads', fieldType: 'linear', label: 'Rejected leads' }, options: { groupFieldByColor: 'reason', stacking: true } }}
          />
        </>
      )}
    </Flex>
  );
}
