import type { Kysely } from 'kysely';
import type { PolicyInWords } from '../domain/index.js';
import type { LedgerDatabase } from './schema.js';

// The policy versions' SQL (table policy_version): each version's words, kept from when it was first run.

/** Records a version the first time it runs; a version already recorded keeps its words and instant. */
export async function recordVersion(db: Kysely<LedgerDatabase>, portal: string, words: PolicyInWords, at: Date): Promise<void> {
  await db
    .insertInto('policy_version')
    .values({ portal_id: portal, version: words.version, name: words.name, words: JSON.stringify(words), first_seen_at: at })
    .onConflict((oc) => oc.columns(['portal_id', 'version']).doNothing())
    .execute();
}

/** The versions run so far, the most recently first seen first. */
export async function versions(db: Kysely<LedgerDatabase>, portal: string, limit: number): Promise<{ version: string; words: PolicyInWords; firstSeenAt: Date }[]> {
  const rows = await db.selectFrom('policy_version').selectAll().where('portal_id', '=', portal).orderBy('first_seen_at', 'desc').orderBy('version', 'desc').limit(limit).execute();
  return rows.map((r) => ({ version: r.version, words: (typeof r.words === 'string' ? JSON.parse(r.words) : r.words) as PolicyInWords, firstSeenAt: r.first_seen_at }));
}
