import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AvailabilityChange, AvailabilitySetting, HandoffPolicy, Review } from '../domain/index.js';
import type { AgreementTx, NewActivation, PolicyAgreementLedger, StoredActivation, StoredProposal } from './policyAgreement.js';
import type { AvailabilitySettingTable, LedgerDatabase, PolicyActivationTable, PolicyProposalTable, PolicyReviewTable } from './schema.js';

// The agreement's SQL (tables policy_activation, policy_proposal, policy_review, availability_setting).

const activationOf = (r: Selectable<PolicyActivationTable>): StoredActivation => ({
  id: Number(r.id),
  version: r.version,
  source: r.source,
  policy: jsonOf(r.policy),
  how: r.how as StoredActivation['how'],
  by: r.by,
  ...(r.proposal_id !== null ? { proposalId: Number(r.proposal_id) } : {}),
  activatedAt: r.activated_at,
});

const jsonOf = (v: unknown): HandoffPolicy => (typeof v === 'string' ? JSON.parse(v) : v) as HandoffPolicy;

const reviewOf = (r: Selectable<PolicyReviewTable>): Review => ({ personId: r.person_id, name: r.name, decision: r.decision as Review['decision'], ...(r.comment ? { comment: r.comment } : {}), at: r.at });

const settingOf = (r: Selectable<AvailabilitySettingTable>): AvailabilitySetting => {
  const base = { id: Number(r.id), personId: r.person_id, setBy: { personId: r.set_by_person, name: r.set_by_name }, setAt: r.set_at };
  return r.kind === 'capacity' ? { ...base, kind: 'capacity', capacity: r.capacity ?? 0 } : { ...base, kind: 'out-of-office', from: r.from_date ?? '', to: r.to_date ?? '', ...(r.label ? { label: r.label } : {}) };
};

async function proposalsWithReviews(db: Kysely<LedgerDatabase>, portal: string, rows: Selectable<PolicyProposalTable>[]): Promise<StoredProposal[]> {
  if (!rows.length) return [];
  const reviews = await db.selectFrom('policy_review').selectAll().where('portal_id', '=', portal).where('proposal_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    version: r.version,
    name: r.name,
    source: r.source,
    policy: jsonOf(r.policy),
    basedOn: { id: Number(r.based_on), version: r.based_on_version },
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    state: r.state as StoredProposal['state'],
    reviews: reviews.filter((v) => v.proposal_id === r.id).map(reviewOf),
  }));
}

const newestActivation = (db: Kysely<LedgerDatabase>, portal: string) => db.selectFrom('policy_activation').selectAll().where('portal_id', '=', portal).orderBy('id', 'desc');

class SqlAgreementTx implements AgreementTx {
  constructor(
    private readonly trx: Transaction<LedgerDatabase>,
    private readonly portal: string,
  ) {}

  async active(): Promise<StoredActivation | undefined> {
    const row = await newestActivation(this.trx, this.portal).limit(1).executeTakeFirst();
    return row ? activationOf(row) : undefined;
  }

  async proposal(id: number): Promise<StoredProposal | undefined> {
    const rows = await this.trx.selectFrom('policy_proposal').selectAll().where('portal_id', '=', this.portal).where('id', '=', String(id)).execute();
    return (await proposalsWithReviews(this.trx, this.portal, rows))[0];
  }

  async activate(a: NewActivation, at: Date): Promise<StoredActivation> {
    const row = await this.trx
      .insertInto('policy_activation')
      .values({ portal_id: this.portal, version: a.version, source: a.source, policy: JSON.stringify(a.policy), how: a.how, by: a.by, proposal_id: a.proposalId !== undefined ? String(a.proposalId) : null, activated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return activationOf(row);
  }

  async propose(p: Omit<StoredProposal, 'id' | 'proposedAt' | 'state' | 'reviews'>, at: Date): Promise<StoredProposal> {
    await this.trx.updateTable('policy_proposal').set({ state: 'withdrawn' }).where('portal_id', '=', this.portal).where('version', '=', p.version).where('state', '=', 'open').execute();
    const row = await this.trx
      .insertInto('policy_proposal')
      .values({ portal_id: this.portal, version: p.version, name: p.name, source: p.source, policy: JSON.stringify(p.policy), based_on: String(p.basedOn.id), based_on_version: p.basedOn.version, proposed_by: p.proposedBy, proposed_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return (await proposalsWithReviews(this.trx, this.portal, [row]))[0]!;
  }

  async review(proposalId: number, r: Review): Promise<void> {
    await this.trx.insertInto('policy_review').values({ portal_id: this.portal, proposal_id: String(proposalId), person_id: r.personId, name: r.name, decision: r.decision, comment: r.comment ?? null, at: r.at }).execute();
  }

  async setProposalState(proposalId: number, state: StoredProposal['state']): Promise<void> {
    await this.trx.updateTable('policy_proposal').set({ state }).where('portal_id', '=', this.portal).where('id', '=', String(proposalId)).execute();
  }
}

/** The agreement over Kysely, scoped to the ledger's portal (read when each call runs). */
export class SqlPolicyAgreement implements PolicyAgreementLedger {
  constructor(
    private readonly db: Kysely<LedgerDatabase>,
    private readonly portal: () => string,
    private readonly guard: <T>(run: () => Promise<T>) => Promise<T>,
  ) {}

  locked<T>(work: (tx: AgreementTx) => Promise<T>): Promise<T> {
    const portal = this.portal();
    return this.guard(() =>
      this.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`policy-agreement:${portal}`}))`.execute(trx);
        return work(new SqlAgreementTx(trx, portal));
      }),
    );
  }

  async active(): Promise<StoredActivation | undefined> {
    const row = await this.guard(() => newestActivation(this.db, this.portal()).limit(1).executeTakeFirst());
    return row ? activationOf(row) : undefined;
  }

  async activations(limit: number): Promise<StoredActivation[]> {
    return (await this.guard(() => newestActivation(this.db, this.portal()).limit(limit).execute())).map(activationOf);
  }

  async proposals(limit: number): Promise<StoredProposal[]> {
    const portal = this.portal();
    return this.guard(async () => proposalsWithReviews(this.db, portal, await this.db.selectFrom('policy_proposal').selectAll().where('portal_id', '=', portal).orderBy('id', 'desc').limit(limit).execute()));
  }

  async stamp(): Promise<string> {
    const portal = this.portal();
    const row = await this.guard(() =>
      sql<{ activation: string | null; setting: string | null; cleared: string | null }>`select
        (select max(id) from policy_activation where portal_id = ${portal}) as activation,
        (select max(id) from availability_setting where portal_id = ${portal}) as setting,
        (select count(*) from availability_setting where portal_id = ${portal} and cleared_at is not null) as cleared`.execute(this.db),
    );
    const r = row.rows[0];
    return `${r?.activation ?? 0}/${r?.setting ?? 0}/${r?.cleared ?? 0}`;
  }

  async availability(): Promise<AvailabilitySetting[]> {
    const rows = await this.guard(() => this.db.selectFrom('availability_setting').selectAll().where('portal_id', '=', this.portal()).where('cleared_at', 'is', null).orderBy('id').execute());
    return rows.map(settingOf);
  }

  async setAvailability(personId: string, change: AvailabilityChange, setBy: { personId: string; name: string }, at: Date): Promise<AvailabilitySetting> {
    const values = change.kind === 'capacity' ? { from_date: null, to_date: null, label: null, capacity: change.capacity } : { from_date: change.from, to_date: change.to, label: change.label ?? null, capacity: null };
    const row = await this.guard(() =>
      this.db
        .insertInto('availability_setting')
        .values({ portal_id: this.portal(), person_id: personId, kind: change.kind, ...values, set_by_person: setBy.personId, set_by_name: setBy.name, set_at: at })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return settingOf(row);
  }

  async clearAvailability(id: number, by: string, at: Date): Promise<AvailabilitySetting | undefined> {
    const row = await this.guard(() =>
      this.db.updateTable('availability_setting').set({ cleared_at: at, cleared_by: by }).where('portal_id', '=', this.portal()).where('id', '=', String(id)).where('cleared_at', 'is', null).returningAll().executeTakeFirst(),
    );
    return row ? settingOf(row) : undefined;
  }
}
