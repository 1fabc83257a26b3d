import { BarChart, Button, EmptyState, ErrorState, Flex, Heading, Link, LoadingSpinner, Select, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import type { HandoffBackend, HandoffHealth } from '../cards/lib/backend.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';
import { formatLocal, formatMinutes } from '../cards/lib/time.js';

const PERIODS = [
  { label: 'This quarter', value: 'this-quarter' },
  { label: 'Last quarter', value: 'last-quarter' },
  { label: 'Last 30 days', value: 'last-30-days' },
  { label: 'Last 90 days', value: 'last-90-days' },
];

const pct = (v: number | undefined) => (v === undefined ? '—' : `${v}%`);
// The period the manager chose, kept for the page's lifetime (a reload of the view keeps it).
let chosenPeriod: string | undefined;

/** The managers' handoff health: funnel, SLA compliance and time to first touch by owner and team, what needs attention, why sales rejects. */
export function HandoffHealthView({ backend, portalId, initialPeriod = 'last-quarter', timeZone = 'Europe/Dublin' }: { backend: HandoffBackend; portalId?: number; initialPeriod?: string; timeZone?: string }) {
  const [period, setPeriodState] = useState(chosenPeriod ?? initialPeriod);
  const setPeriod = (p: string) => {
    chosenPeriod = p;
    setPeriodState(p);
  };
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
      {h.audience && (
        <Text variant="microcopy" testId="audience">
          Shown for {h.audience.who}.
        </Text>
      )}
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
            {h.pipeline && <StatisticsItem label={`Pipeline from these MQLs (${h.pipeline.withAmount} of ${h.pipeline.deals} deals with an amount)`} number={h.pipeline.total} />}
            <StatisticsItem label={`SLA compliance (${h.sla.attempts} attempts)`} number={pct(h.sla.compliance)} />
            <StatisticsItem label="Median response time" number={minutesOr(h.sla.medianResponseMinutes)} />
            <StatisticsItem label="Median time to first touch" number={minutesOr(h.sla.medianFirstTouchMinutes)} />
          </Statistics>
          {h.sla.zeroMedianWhy && (
            <Text variant="microcopy" testId="zero-median-why">
              A median of 0 min: {h.sla.zeroMedianWhy}.
            </Text>
          )}
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
              { owner: o.name, outcome: 'Met', attempts: o.met },
              { owner: o.name, outcome: 'Missed', attempts: o.missed + o.breachedOpen },
            ])}
            axes={{ x: { field: 'owner', fieldType: 'category', label: 'Owner' }, y: { field: 'attempts', fieldType: 'linear', label: 'Attempts' }, options: { groupFieldByColor: 'outcome', stacking: true } }}
            options={{ title: 'Response SLA by owner (each turn with a lead)' }}
          />
          {h.byOwner.length > 0 && (
            <>
              <Heading>People</Heading>
              <GroupTable testId="owners" rows={h.byOwner} label="Owner" />
            </>
          )}
          {h.byTeam.length > 0 && (
            <>
              <Heading>Teams</Heading>
              <GroupTable testId="teams" rows={h.byTeam} label="Team" />
            </>
          )}
        </>
      )}
      <Heading>Needs attention now ({h.attention.length})</Heading>
      {h.attention.length === 0 ? (
        <Text testId="no-attention">No lead is at risk, past its SLA or stuck.</Text>
      ) : (
        <Table testId="attention">
          <TableHead>
            <TableRow>
              <TableHeader>Lead</TableHeader>
              <TableHeader>Owner</TableHeader>
              <TableHeader>Why</TableHeader>
              <TableHeader>How long</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {h.attention.map((a) => (
              <TableRow key={a.contactId}>
                <TableCell>
                  <Link href={{ url: recordLink(a.contactId), external: true }}>{a.name ?? `Contact ${a.contactId}`}</Link>
                </TableCell>
                <TableCell>{a.ownerName ?? '—'}</TableCell>
                <TableCell>{a.status === 'stuck' ? 'Stuck: no accept or reject' : a.status === 'breached' ? 'Breached: no response' : 'At risk: no response yet'}</TableCell>
                <TableCell>{a.status === 'stuck' ? `Since ${formatLocal(a.decisionDueAt!, timeZone, false)} (${formatMinutes(a.stuckBusinessMinutes ?? 0)} of business time)` : a.status === 'breached' ? 'Past due' : `${formatMinutes(a.remainingBusinessMinutes)} left`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {h.operations && (
        <>
          <Heading>Handoff’s own work</Heading>
          {h.operations.parkedJobs.length === 0 && h.operations.parkedWrites.length === 0 ? (
            <Text testId="nothing-parked">Nothing is parked: every webhook event, SLA check and HubSpot write finished.</Text>
          ) : (
            <Table testId="parked">
              <TableHead>
                <TableRow>
                  <TableHeader>What</TableHeader>
                  <TableHeader>Why it stopped</TableHeader>
                  <TableHeader>When</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {h.operations.parkedJobs.map((j, i) => (
                  <TableRow key={`job-${i}`}>
                    <TableCell>{`${j.queue}: ${j.what} (${j.tries} tries)`}</TableCell>
                    <TableCell>{j.why}</TableCell>
                    <TableCell>{formatLocal(j.failedAt, timeZone, false)}</TableCell>
                  </TableRow>
                ))}
                {h.operations.parkedWrites.map((w, i) => (
                  <TableRow key={`write-${i}`}>
                    <TableCell>
                      <Link href={{ url: recordLink(w.contactId), external: true }}>{`HubSpot write for contact ${w.contactId}`}</Link>
                    </TableCell>
                    <TableCell>{w.why}</TableCell>
                    <TableCell>—</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          <Text variant="microcopy">Run handoff jobs on the server to see and retry parked jobs.</Text>
        </>
      )}
      {h.rejectionsBySource.length > 0 && (
        <>
          <Heading>Why sales rejected leads, by source</Heading>
          <BarChart
            testId="rejections-chart"
            data={h.rejectionsBySource.flatMap((s) => Object.entries(s.reasons).map(([reason, count]) => ({ source: h.labels?.sources[s.source] ?? s.source, reason: h.labels?.reasons[reason] ?? reason, leads: count })))}
            axes={{ x: { field: 'source', fieldType: 'category', label: 'Source' }, y: { field: 'leads', fieldType: 'linear', label: 'Rejected leads' }, options: { groupFieldByColor: 'reason', stacking: true } }}
          />
        </>
      )}
    </Flex>
  );
}

const minutesOr = (m: number | undefined) => (m === undefined ? '—' : formatMinutes(m));
const ROLE: Record<string, string> = { manager: 'manager', fallback: 'routing fallback', marketing: 'marketing', admin: 'admin' };

/** One row per person or team: attempts credited to them, compliance, response time and first touch. */
function GroupTable({ rows, label, testId }: { rows: HandoffHealth['byOwner']; label: string; testId: string }) {
  return (
    <Table testId={testId}>
      <TableHead>
        <TableRow>
          <TableHeader>{label}</TableHeader>
          <TableHeader>Attempts</TableHeader>
          <TableHeader>Met</TableHeader>
          <TableHeader>Missed</TableHeader>
          <TableHeader>SLA compliance</TableHeader>
          <TableHeader>Median response</TableHeader>
          <TableHeader>Median first touch</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((o) => (
          <TableRow key={o.id}>
            <TableCell>
              {o.name}
              {o.role && ROLE[o.role] ? ` (${ROLE[o.role]})` : ''}
            </TableCell>
            <TableCell>{o.attempts}</TableCell>
            <TableCell>{o.met}</TableCell>
            <TableCell>{o.missed + o.breachedOpen}</TableCell>
            <TableCell>{pct(o.compliance)}</TableCell>
            <TableCell>{minutesOr(o.medianResponseMinutes)}</TableCell>
            <TableCell>
              {minutesOr(o.medianFirstTouchMinutes)}
              {o.zeroMedianWhy ? ` (${o.firstTouchesBeforeClock} of ${o.firstTouches} before the clock started)` : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
