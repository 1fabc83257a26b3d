import { Button, Divider, ErrorState, Flex, Heading, List, LoadingSpinner, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
// The words only (no statistics library in the page's bundle): the server weighed the evidence.
import { differenceInWords } from '../../domain/evidence/evidenceInWords.js';
import type { EvidenceVerdict, Tally } from '../../domain/evidence/weighEvidence.js';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';

const VERDICT_TAG: Record<EvidenceVerdict, 'success' | 'danger' | 'warning' | 'default'> = { helps: 'success', hurts: 'danger', 'too-few': 'warning', 'no-contrast': 'default', 'no-evidence': 'default' };
const rate = (part: number, t: Tally) => (t.leads ? `${Math.round((part / t.leads) * 100)}%` : '—');
const side = (t: Tally) => (t.leads ? `${t.leads} lead${t.leads === 1 ? '' : 's'}: ${rate(t.accepted, t)} accepted, ${rate(t.opportunities, t)} opportunities` : 'none');

/**
 * The policy page's Evidence: for each criterion of the MQL definition, how the period's MQLs that
 * met it did against those that did not, with the verdict, each figure's leads, and what history
 * cannot tell.
 */
export function PolicyEvidenceSection({ backend }: { backend: HandoffBackend }) {
  const [load, reload] = useBackendLoad(useCallback(() => backend.policyEvidence(), [backend]));
  if (load.kind === 'loading') return <LoadingSpinner label="Weighing the evidence…" />;
  if (load.kind === 'error') {
    return (
      <ErrorState title="The evidence could not load" testId="evidence-error">
        <Text>{load.error.message}</Text>
        <Button onClick={() => void reload({ showLoading: true })}>Try again</Button>
      </ErrorState>
    );
  }
  const e = load.value;
  const decisive = [...e.criteria, ...e.signals].filter((c) => c.verdict === 'helps' || c.verdict === 'hurts');
  return (
    <Flex direction="column" gap="sm" testId="policy-evidence">
      <Divider />
      <Heading>Evidence: which criteria go with sales accepting the lead</Heading>
      <Text>{`MQLs of the ${e.period.label}, judged as recorded when each was routed: ${e.decided} decided by sales (accepted, converted, rejected or recycled), ${e.open} still open and left out.${e.notRecorded ? ` ${e.notRecorded} handoffs taken over from HubSpot have no recorded qualification and are left out.` : ''}`}</Text>
      <Table testId="evidence-criteria">
        <TableHead>
          <TableRow>
            <TableHeader>Criterion</TableHeader>
            <TableHeader>Leads that met it</TableHeader>
            <TableHeader>Leads that did not</TableHeader>
            <TableHeader>Acceptance difference (interval)</TableHeader>
            <TableHeader>Opportunity difference (interval)</TableHeader>
            <TableHeader>Verdict</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {e.criteria.map((c) => (
            <TableRow key={c.id}>
              <TableCell>{c.kind === 'group' ? `${c.label} (all of its group)` : c.within.length > 1 ? `${c.label} (in ${c.within.at(-1)})` : c.label}</TableCell>
              <TableCell>{side(c.met)}</TableCell>
              <TableCell>{side(c.notMet)}</TableCell>
              <TableCell>{differenceInWords(c.acceptance)}</TableCell>
              <TableCell>{differenceInWords(c.opportunity)}</TableCell>
              <TableCell>
                <StatusTag variant={VERDICT_TAG[c.verdict]}>{c.verdictLabel}</StatusTag>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {decisive.length > 0 && (
        <List testId="evidence-readings">
          {decisive.map((c) => (
            <Text key={'id' in c ? c.id : `${c.field}=${c.value}`}>{`${'value' in c ? `${c.label} "${c.value}"` : c.label}: ${c.reading}`}</Text>
          ))}
        </List>
      )}
      {e.signals.length > 0 && (
        <>
          <Heading>Other signals, candidates for the definition</Heading>
          <Table testId="evidence-signals">
            <TableHead>
              <TableRow>
                <TableHeader>Signal</TableHeader>
                <TableHeader>Leads with the value</TableHeader>
                <TableHeader>Every other decided lead</TableHeader>
                <TableHeader>Acceptance difference (interval)</TableHeader>
                <TableHeader>Verdict</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {e.signals.map((s) => (
                <TableRow key={`${s.field}=${s.value}`}>
                  <TableCell>{`${s.label}: ${s.value}`}</TableCell>
                  <TableCell>{side(s.met)}</TableCell>
                  <TableCell>{side(s.notMet)}</TableCell>
                  <TableCell>{differenceInWords(s.acceptance)}</TableCell>
                  <TableCell>
                    <StatusTag variant={VERDICT_TAG[s.verdict]}>{s.verdictLabel}</StatusTag>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Heading>What this evidence cannot tell</Heading>
      <List testId="evidence-limits">
        {e.limits.map((l) => (
          <Text key={l}>{l}</Text>
        ))}
      </List>
    </Flex>
  );
}
