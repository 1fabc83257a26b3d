import { Button, Divider, EmptyState, ErrorState, Flex, Heading, List, LoadingSpinner, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import type { LeadsDid } from '../../domain/preview/previewPolicy.js';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';

const did = (d: LeadsDid) => `${d.leads} leads: ${d.decided} decided by sales, ${d.accepted} accepted, ${d.opportunities} became opportunities`;
const delta = (a: number, b: number) => (a === b ? 'no change' : `${b > a ? '+' : '−'}${Math.abs(b - a)}`);

/**
 * The policy page's Preview: a proposed version (the one chosen on its proposal, else the newest
 * open one) against the active one over the portal's own leads of the period, in arrival order
 * through the same core that routes them.
 */
export function PolicyPreviewSection({ backend, proposalId }: { backend: HandoffBackend; proposalId?: number | undefined }) {
  const [load, reload] = useBackendLoad(useCallback(() => backend.policyPreview(undefined, proposalId), [backend, proposalId]));
  if (load.kind === 'loading') return <LoadingSpinner label="Replaying the period under the proposed version…" />;
  if (load.kind === 'error') {
    if (load.error.code === 'NOT_FOUND') {
      return (
        <EmptyState title="No proposed version to preview" testId="preview-none">
          <Text>{load.error.message}</Text>
        </EmptyState>
      );
    }
    return (
      <ErrorState title="The preview could not load" testId="preview-error">
        <Text>{load.error.message}</Text>
        <Button onClick={() => void reload({ showLoading: true })}>Try again</Button>
      </ErrorState>
    );
  }
  const p = load.value;
  return (
    <Flex direction="column" gap="sm" testId="policy-preview">
      <Divider />
      <Heading>{`Preview: proposed ${p.proposed.version} against ${p.current.version}`}</Heading>
      <Text>{`"${p.proposed.name}", replayed over the ${p.leads} leads created in the ${p.period.label} (${p.weeks} weeks), in arrival order, as Handoff would have qualified and routed them.`}</Text>
      <Statistics>
        <StatisticsItem label={`MQLs under ${p.current.version}`} number={String(p.current.mqls)}>
          <Text>{`${Math.round(p.current.mqlRate * 100)}% of leads`}</Text>
        </StatisticsItem>
        <StatisticsItem label={`MQLs under ${p.proposed.version}`} number={String(p.proposed.mqls)}>
          <Text>{`${Math.round(p.proposed.mqlRate * 100)}% of leads (${delta(p.current.mqls, p.proposed.mqls)})`}</Text>
        </StatisticsItem>
        <StatisticsItem label="Newly out" number={String(p.newlyOut.leads)}>
          <Text>{`${p.newlyOut.accepted} of them were accepted, ${p.newlyOut.opportunities} became opportunities`}</Text>
        </StatisticsItem>
        <StatisticsItem label="Newly in" number={String(p.newlyIn.leads)}>
          <Text>never worked by sales</Text>
        </StatisticsItem>
      </Statistics>
      <Heading>The changes</Heading>
      <List testId="preview-changes">{p.changes.length ? p.changes.map((c) => <Text key={c.key}>{c.sentence}</Text>) : [<Text key="none">The MQL definition is the same in both versions.</Text>]}</List>
      <Text>{`Newly out: ${did(p.newlyOut)}. Newly in: ${did(p.newlyIn)}; history cannot tell how leads sales never saw would have done. A lead can count under more than one change.${p.movedOwner ? ` ${p.movedOwner} leads stay MQLs but would go to another owner (the turns of round robin shift).` : ''}`}</Text>
      <Heading>{"Each owner's leads"}</Heading>
      <Table testId="preview-owners">
        <TableHead>
          <TableRow>
            <TableHeader>Owner</TableHeader>
            <TableHeader>Team</TableHeader>
            <TableHeader>{p.current.version}</TableHeader>
            <TableHeader>{p.proposed.version}</TableHeader>
            <TableHeader>Change</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {p.owners.map((o) => (
            <TableRow key={o.personId}>
              <TableCell>{o.name}</TableCell>
              <TableCell>{o.team || '—'}</TableCell>
              <TableCell>{String(o.current)}</TableCell>
              <TableCell>{String(o.proposed)}</TableCell>
              <TableCell>{delta(o.current, o.proposed)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Heading>{"Each team's SLA load, per week"}</Heading>
      <Table testId="preview-teams">
        <TableHead>
          <TableRow>
            <TableHeader>Team</TableHeader>
            <TableHeader>{`MQLs a week, ${p.current.version}`}</TableHeader>
            <TableHeader>{`MQLs a week, ${p.proposed.version}`}</TableHeader>
            <TableHeader>{`First-touch business hours due a week, ${p.current.version}`}</TableHeader>
            <TableHeader>{`First-touch business hours due a week, ${p.proposed.version}`}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {p.teams.map((t) => (
            <TableRow key={t.teamId}>
              <TableCell>{t.name}</TableCell>
              <TableCell>{String(t.current.leadsPerWeek)}</TableCell>
              <TableCell>{String(t.proposed.leadsPerWeek)}</TableCell>
              <TableCell>{String(t.current.slaHoursPerWeek)}</TableCell>
              <TableCell>{String(t.proposed.slaHoursPerWeek)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
