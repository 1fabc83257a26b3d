import { sql, type Kysely, type Transaction } from 'kysely';
import { PENDING_TASK_PREFIX } from './effects.js';
import type { LedgerDatabase } from './schema.js';

// The one way the ledger reads handoffs (table handoff, aliased h): each record with a follow-up
// task id still pending when it was written read as the real one HubSpot gave since.
//
// A routing writes its record with the task's pending id (`pending:<delivery key>`): HubSpot has
// not created the task yet. Once it has, the outbox records the real id on its item (outputs), as
// every step's output is recorded. Rewriting each record with it as well cost a list import's step
// record a second wide update a lead (100 handoff rows a batch, each record re-encoded): the
// record is read through its delivery's item instead, as a delivery's result is (mergedResult).

type Db = Kysely<LedgerDatabase> | Transaction<LedgerDatabase>;

/** The delivery key a record's pending task id names, or null (its task id is real, or none). */
const pendingKey = sql<string | null>`case when h.record->>'taskId' like ${`${PENDING_TASK_PREFIX}%`} then substr(h.record->>'taskId', ${PENDING_TASK_PREFIX.length + 1}) end`;

/** The record, its pending task id replaced by the real one where the task's item recorded it. */
const resolvedRecord = sql<Record<string, unknown>>`case when t.outputs->>'taskId' is not null then jsonb_set(h.record, '{taskId}', t.outputs->'taskId') else h.record end`;

/**
 * The portal's handoffs (h), each selected with its record as `record`, resolved: a caller adds
 * the other columns it needs and its filters on h.
 */
export function handoffRecords(db: Db, portal: string) {
  return db
    .selectFrom('handoff as h')
    .leftJoin('delivery as td', (join) => join.onRef('td.portal_id', '=', 'h.portal_id').on('td.key', '=', pendingKey))
    .leftJoin('outbox as t', 't.id', 'td.outbox_id')
    .select(resolvedRecord.as('record'))
    .where('h.portal_id', '=', portal);
}
