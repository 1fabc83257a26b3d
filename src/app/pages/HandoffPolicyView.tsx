import { Alert, Button, DescriptionList, DescriptionListItem, Divider, ErrorState, Flex, Heading, List, LoadingSpinner, StatusTag, Text } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { formatLocal } from '../cards/lib/time.js';
import { useBackendLoad } from '../cards/lib/useBackendLoad.js';
import { PolicyEvidenceSection } from './PolicyEvidenceSection.js';
import { PolicyPreviewSection } from './PolicyPreviewSection.js';
import { PolicyAgreementSection } from './PolicyAgreementSection.js';

/**
 * "Handoff policy": the agreement marketing and sales signed, in words, inside HubSpot. Its
 * version and approvals, what changed since the version before, the proposed changes for their
 * approvers to approve, availability, the evidence for its criteria, a preview of the proposed
 * version, and, for portal admins and managers, where the Handoff server is and what it could not
 * finish.
 */
export function HandoffPolicyView({ backend, timeZone = 'Europe/Dublin' }: { backend: HandoffBackend; timeZone?: string }) {
  const [load, reload] = useBackendLoad(useCallback(() => backend.policyOverview(), [backend]));
  // The proposal the Preview replays (chosen on its card); the newest open one until then.
  const [previewed, setPreviewed] = useState<number | undefined>();
  if (load.kind === 'loading') return <LoadingSpinner label="Reading the policy…" layout="centered" />;
  if (load.kind === 'error') {
    return (
      <ErrorState title="The policy could not load">
        <Text>{load.error.message}</Text>
        <Button testId="retry" onClick={() => void reload({ showLoading: true })}>
          Try again
        </Button>
      </ErrorState>
    );
  }
  const { policy, previous, admin, portal } = load.value;
  const toRenew = policy.approvals.filter((a) => !a.current);
  return (
    <Flex direction="column" gap="md">
      <Heading testId="policy-title">
        {policy.name}, version {policy.version}
      </Heading>
      <Text variant="microcopy" testId="policy-portal">
        {`HubSpot portal ${portal.id}, a ${portal.typeLabel}: money in ${portal.currency}, times in ${portal.timeZone}.`}
      </Text>
      {!portal.production && (
        <Alert title={`This is a ${portal.typeLabel}, not production`} variant="info" testId="policy-not-production">
          {`Handoffs here are kept apart from production's: this server and its ledger serve portal ${portal.id} only.`}
        </Alert>
      )}
      <Flex direction="row" gap="sm" wrap="wrap">
        {policy.approvals.map((a) => (
          <StatusTag key={`${a.role}-${a.name}`} variant={a.current ? 'success' : 'warning'} testId="approval">
            {a.current ? `Signed off by ${a.name} (${a.role}), ${a.date}` : `${a.name} (${a.role}) signed off ${a.forVersion}, not ${policy.version}`}
          </StatusTag>
        ))}
      </Flex>
      {toRenew.length > 0 && (
        <Alert title="Sign-off to renew" variant="warning">
          {`This version has not been signed off by ${toRenew.map((a) => a.name).join(' and ')} yet.`}
        </Alert>
      )}
      {previous && (
        <Flex direction="column" gap="xs" testId="policy-changes">
          <Heading>What changed since {previous.version}</Heading>
          <Text variant="microcopy">{`${previous.version} first ran ${formatLocal(previous.firstSeenAt, timeZone, false)}.`}</Text>
          {previous.changes.length ? <List>{previous.changes.map((c) => <Text key={c}>{c}</Text>)}</List> : <Text>Nothing that people read changed.</Text>}
        </Flex>
      )}
      <PolicyAgreementSection backend={backend} timeZone={timeZone} previewed={previewed} onPreview={setPreviewed} onPolicyChanged={() => void reload()} />
      {policy.sections.map((s) => (
        <Flex key={s.title} direction="column" gap="xs" testId="policy-section">
          <Divider />
          <Heading>{s.title}</Heading>
          <List>{s.lines.map((line) => <Text key={line}>{line}</Text>)}</List>
        </Flex>
      ))}
      <PolicyEvidenceSection backend={backend} />
      <PolicyPreviewSection key={`${policy.version}-${previewed ?? 'newest'}`} backend={backend} proposalId={previewed} />
      {admin && (
        <Flex direction="column" gap="xs" testId="policy-admin">
          <Divider />
          <Heading>For the portal admin</Heading>
          <DescriptionList direction="column">
            <DescriptionListItem label="Handoff server">
              <Text>{admin.serverUrl ?? 'this machine (the local portal)'}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Ledger">
              <Text>{admin.ledger}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Owed to HubSpot">
              <Text>{`${admin.outbox.pending} changes (${admin.outbox.retrying} retrying, ${admin.outbox.parked} parked)`}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Parked jobs">
              <Text>{admin.parkedJobs === 0 ? 'None' : `${admin.parkedJobs} (handoff jobs on the server lists and retries them)`}</Text>
            </DescriptionListItem>
            <DescriptionListItem label="Last reconcile">
              <Text>{admin.lastReconcile ? `${formatLocal(admin.lastReconcile.at, timeZone, false)}: ${admin.lastReconcile.finding.replace(/-/g, ' ')}` : 'Nothing reconciled yet'}</Text>
            </DescriptionListItem>
          </DescriptionList>
          {admin.dailyLimit && (
            <Alert title="HubSpot's daily limit" variant="warning" testId="policy-daily-limit">
              {admin.dailyLimit}
            </Alert>
          )}
          {admin.leads && (
            <Alert title="Leads" variant="danger">
              {admin.leads}
            </Alert>
          )}
        </Flex>
      )}
    </Flex>
  );
}
