import type { Command } from 'commander';
import { portalName } from '../../domain/index.js';
import { CliExit, type CliIO } from '../io.js';
import { openLedgerOrExit } from '../ledgerOption.js';

/** `handoff db migrate`, `handoff db status` and `handoff db retry-parked`: the ledger's engine, its schema, and what the outbox owes HubSpot. */
export function registerDb(program: Command, io: CliIO): void {
  const db = program.command('db').description("Handoff's ledger (env: HANDOFF_DATABASE_URL for PostgreSQL; otherwise PGlite in HANDOFF_DATA_DIR, default .handoff/ledger)");
  const open = (migrate: boolean) => openLedgerOrExit(io, migrate);
  db.command('migrate')
    .description('bring the ledger schema up to date (the server also does this on start)')
    .action(async () => {
      const ledger = await open(true);
      try {
        const status = await ledger.schemaStatus();
        io.out(`Ledger on ${ledger.engine.name} (${ledger.engine.where}): schema at ${status.applied.at(-1) ?? 'none'}, ${status.applied.length} migration${status.applied.length === 1 ? '' : 's'} applied, none pending.`);
      } finally {
        await ledger.close();
      }
    });
  db.command('status')
    .description('which engine, where, the schema version, and what the outbox still owes HubSpot')
    .action(async () => {
      const ledger = await open(false);
      try {
        const status = await ledger.schemaStatus();
        io.out(`engine: ${ledger.engine.name}`);
        io.out(`where: ${ledger.engine.where}`);
        io.out(`schema: ${status.applied.at(-1) ?? 'none (run handoff db migrate)'}${status.pending.length ? `; pending: ${status.pending.join(', ')}` : ''}`);
        if (status.applied.length && !status.pending.length) {
          // Each portal the ledger serves, and what its outbox still owes HubSpot.
          const portals = await ledger.portals();
          if (!portals.length) io.out('portal: none yet (the first server to start stamps the ledger with its token\'s portal)');
          for (const portal of portals) io.out(`portal: ${portalName(portal)}, ${portal.currency}, ${portal.timeZone}, since ${portal.firstSeenAt.toISOString()}`);
          const views = portals.length ? portals.map((p) => ledger.forPortal(p.id)) : [ledger];
          for (const view of views) {
            const outbox = await view.outboxStatus();
            const index = await view.accountIndex();
            const whose = portals.length > 1 ? ` (portal ${view.portalId})` : '';
            io.out(`outbox${whose}: ${outbox.pending} change${outbox.pending === 1 ? '' : 's'} still owed to HubSpot (${outbox.retrying} retrying, ${outbox.parked.length} parked)`);
            for (const p of outbox.parked) io.out(`  parked ${p.id}: contact ${p.contactId}: ${p.error}`);
            if (portals.length) io.out(`account index${whose}: ${index.companies} compan${index.companies === 1 ? 'y' : 'ies'}${index.filledAt ? `, filled whole ${index.filledAt.toISOString()}` : ', never filled whole'}`);
          }
        }
      } finally {
        await ledger.close();
      }
    });
  db.command('retry-parked')
    .description('put changes HubSpot refused (a validation rule, a deleted contact) back in line, after fixing the cause in HubSpot')
    .argument('[ids...]', 'the parked changes to retry (handoff db status lists them); all of them when none is given')
    .action(async (ids: string[]) => {
      const bad = ids.find((id) => !/^\d+$/.test(id));
      if (bad !== undefined) {
        io.err(`retry-parked: "${bad}" is not an outbox id (handoff db status lists the parked changes with theirs)`);
        throw new CliExit(2);
      }
      const ledger = await open(false);
      try {
        const count = await ledger.outboxRetry(ids.length ? ids : undefined);
        io.out(`${count} parked change${count === 1 ? '' : 's'} back in line for HubSpot; the server's outbox worker sends ${count === 1 ? 'it' : 'them'} next.`);
      } finally {
        await ledger.close();
      }
    });
}
