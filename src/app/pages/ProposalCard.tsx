import { Alert, Button, ButtonRow, Flex, Heading, List, LoadingButton, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { PolicyAgreementView } from '../../handlers/agreement/agreementViews.js';
import type { HandoffBackend } from '../cards/lib/backend.js';
import { formatLocal } from '../cards/lib/time.js';

type Proposal = PolicyAgreementView['proposals'][number];

const STATUS_VARIANT: Record<Proposal['status'], 'success' | 'warning' | 'danger' | 'info' | 'default'> = {
  waiting: 'info',
  'changes-requested': 'warning',
  stale: 'danger',
  activated: 'success',
  withdrawn: 'default',
};

/**
 * One proposed version: what it changes in words, who must approve and who has, and, for an
 * approver, Approve and Ask for changes (with a comment). Anyone else reads it, and is told why.
 */
export function ProposalCard({ proposal: p, backend, timeZone, previewed, onPreview, onReviewed }: { proposal: Proposal; backend: HandoffBackend; timeZone: string; previewed: boolean; onPreview: () => void; onReviewed: (activated: boolean) => void }) {
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'request-changes' | undefined>();
  const [said, setSaid] = useState<{ ok: boolean; text: string } | undefined>();
  const review = async (decision: 'approve' | 'request-changes') => {
    setBusy(decision);
    try {
      const r = await backend.reviewProposal(p.id, decision, decision === 'request-changes' ? comment : undefined);
      setSaid({ ok: true, text: r.why });
      setAsking(false);
      onReviewed(r.activated);
    } catch (e) {
      setSaid({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Flex direction="column" gap="xs" testId="proposal">
      <Flex direction="row" gap="sm" align="center">
        <Heading>{`Version ${p.version}: "${p.name}"`}</Heading>
        <StatusTag variant={STATUS_VARIANT[p.status]} testId="proposal-status">
          {p.statusLabel}
        </StatusTag>
      </Flex>
      <Text variant="microcopy">{`Proposed by ${p.proposedBy}, ${formatLocal(p.proposedAt, timeZone, false)}, on top of version ${p.basedOn}.`}</Text>
      <Text testId="proposal-why">{p.why}</Text>
      {previewed ? (
        <Text variant="microcopy" testId="proposal-previewed">
          The Preview below replays this version on the portal&apos;s own leads.
        </Text>
      ) : (
        <Flex direction="row">
          <Button testId="proposal-preview" onClick={onPreview}>
            Preview this version below
          </Button>
        </Flex>
      )}
      <List testId="proposal-changes">{p.changes.length ? p.changes.map((c) => <Text key={c}>{c}</Text>) : [<Text key="none">Nothing that people read changes.</Text>]}</List>
      <Flex direction="row" gap="sm" wrap="wrap">
        {p.approvers.map((a) => (
          <StatusTag key={a.name} variant={a.state === 'Approved' ? 'success' : a.state === 'Not yet' ? 'default' : 'warning'} testId="proposal-approver">
            {`${a.name} (${a.role}): ${a.state}${a.at ? `, ${formatLocal(a.at, timeZone, false)}` : ''}${a.comment ? `: "${a.comment}"` : ''}`}
          </StatusTag>
        ))}
      </Flex>
      {said && (
        <Alert title={said.ok ? 'Recorded' : 'Not recorded'} variant={said.ok ? 'success' : 'danger'} testId="review-said">
          {said.text}
        </Alert>
      )}
      {p.review.may ? (
        <Flex direction="column" gap="xs">
          {asking && <TextArea testId="review-comment" label="What should change" name="comment" value={comment} onChange={(v) => setComment(v)} maxLength={2000} required />}
          <ButtonRow>
            {!asking && (
              <LoadingButton testId="approve" variant="primary" loading={busy === 'approve'} onClick={() => void review('approve')}>
                Approve
              </LoadingButton>
            )}
            {asking ? (
              <LoadingButton testId="send-changes" variant="secondary" loading={busy === 'request-changes'} disabled={!comment.trim()} onClick={() => void review('request-changes')}>
                Ask for these changes
              </LoadingButton>
            ) : (
              <Button testId="ask-changes" onClick={() => setAsking(true)}>
                Ask for changes
              </Button>
            )}
          </ButtonRow>
        </Flex>
      ) : (
        // Why this viewer cannot review, unless the proposal's own standing already says it (stale).
        p.review.why !== p.why && p.status !== 'activated' && p.status !== 'withdrawn' && <Text variant="microcopy" testId="review-read-only">{p.review.why}</Text>
      )}
    </Flex>
  );
}
