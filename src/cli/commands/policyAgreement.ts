import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getPolicyAgreement, type PolicyAgreementView } from '../../handlers/agreement/getPolicyAgreement.js';
import { proposePolicy, type ProposedView } from '../../handlers/agreement/proposePolicy.js';
import { HandlerError } from '../../handlers/handlerError.js';
import { hubspotSignedHeaders } from '../../server/signature.js';
import { CliExit, type CliIO } from '../io.js';
import { openLedgerOrExit } from '../ledgerOption.js';

const SERVER_HELP = 'a running Handoff server (or the local portal) to ask, signed with HUBSPOT_CLIENT_SECRET; without it, the ledger HANDOFF_DATABASE_URL (or HANDOFF_DATA_DIR) names';

/** Runs against a server when --server is given (PGlite's ledger is the running server's alone), else against the ledger. */
async function viaServerOrLedger<T>(io: CliIO, server: string | undefined, route: string, body: Record<string, unknown>, local: (ctx: { ledger: Awaited<ReturnType<typeof openLedgerOrExit>>; now: () => Date }) => Promise<T>): Promise<T> {
  try {
    if (server) return await askServer<T>(io, server, route, body);
    const ledger = await openLedgerOrExit(io);
    try {
      return await local({ ledger, now: () => io.now() });
    } finally {
      await ledger.close();
    }
  } catch (e) {
    if (e instanceof CliExit) throw e;
    io.err(e instanceof HandlerError || e instanceof ServerRefused ? e.message : `failed: ${(e as Error).message}`);
    throw new CliExit(1);
  }
}

class ServerRefused extends Error {}

async function askServer<T>(io: CliIO, server: string, route: string, body: Record<string, unknown>): Promise<T> {
  const secret = io.env?.HUBSPOT_CLIENT_SECRET;
  if (!secret) throw new ServerRefused('HUBSPOT_CLIENT_SECRET is not set: --server requests are signed with the app\'s client secret, as HubSpot signs (the local portal prints its own)');
  const url = `${server.replace(/\/+$/, '')}${route}`;
  const text = JSON.stringify(body);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...hubspotSignedHeaders(secret, 'POST', url, text, Date.now()) }, body: text });
  } catch (e) {
    throw new ServerRefused(`the Handoff server at ${server} could not be reached (${(e as Error).message})`);
  }
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new ServerRefused(json.error?.message ?? `the Handoff server answered ${res.status}`);
  return json;
}

/** `handoff propose FILE` and `handoff policy status|export`: the agreement from a terminal. */
export function registerPolicyAgreement(program: Command, io: CliIO): void {
  program
    .command('propose')
    .description('propose a new version of the policy: checked as validate-policy checks it, stored on top of the active version for its approvers to approve in HubSpot')
    .argument('<file>', 'the proposed policy (YAML or JSON)')
    .option('--by <name>', 'who proposes it, as the page shows it', 'handoff propose')
    .option('--server <url>', SERVER_HELP)
    .action(async (file: string, opts: { by: string; server?: string }) => {
      let source: string;
      try {
        source = readFileSync(resolve(io.cwd, file), 'utf8');
      } catch (e) {
        io.err(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        throw new CliExit(1);
      }
      const body = { source, fileName: file, proposedBy: opts.by };
      const made = await viaServerOrLedger<ProposedView>(io, opts.server, '/api/admin/proposals', body, (ctx) => proposePolicy(ctx, body));
      io.out(`Proposed version ${made.version} ("${made.name}") on top of ${made.basedOn}.`);
      io.out(made.changes.length ? 'What changes:' : 'Nothing that people read changes.');
      for (const c of made.changes) io.out(`  - ${c}`);
      io.out(made.next);
    });

  const policy = program.command('policy').description('the agreed policy: the active version, proposals and their approvals, the history');
  policy
    .command('status')
    .description('the active version, the proposals with who has approved, and every activation')
    .option('--json', 'as JSON')
    .option('--server <url>', SERVER_HELP)
    .action(async (opts: { json?: boolean; server?: string }) => {
      const view = await status(io, opts.server);
      if (opts.json) {
        const { source: _source, ...rest } = view;
        io.out(JSON.stringify(rest, null, 2));
        return;
      }
      io.out(`Active: version ${view.active.version} ("${view.active.name}"), ${view.active.how}, ${view.active.activatedAt}`);
      if (!view.proposals.length) io.out('No proposals.');
      for (const p of view.proposals) {
        io.out(`Proposal ${p.id}: version ${p.version} ("${p.name}") on ${p.basedOn}, by ${p.proposedBy}: ${p.statusLabel}`);
        io.out(`  ${p.why}`);
        for (const a of p.approvers) io.out(`  ${a.name} (${a.role}): ${a.state}${a.at ? ` ${a.at}` : ''}${a.comment ? `: "${a.comment}"` : ''}`);
      }
      io.out('History:');
      for (const h of view.history) io.out(`  ${h.at}  ${h.version}  ${h.how}`);
    });
  policy
    .command('export')
    .description('write the active version as YAML (with its approvals), for version control')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--server <url>', SERVER_HELP)
    .action(async (opts: { out?: string; server?: string }) => {
      const view = await status(io, opts.server);
      if (!view.source) {
        io.err('no policy version is active in this ledger yet: start the Handoff server once with its policy file');
        throw new CliExit(1);
      }
      if (!opts.out) return io.out(view.source.trimEnd());
      writeFileSync(resolve(io.cwd, opts.out), view.source);
      io.out(`Wrote version ${view.active.version} to ${opts.out}`);
    });
}

function status(io: CliIO, server: string | undefined): Promise<PolicyAgreementView> {
  return viaServerOrLedger<PolicyAgreementView>(io, server, '/api/admin/policy', {}, async (ctx) => {
    if (!(await ctx.ledger.agreement.active())) {
      io.err('no policy version is active in this ledger yet: start the Handoff server once with its policy file');
      throw new CliExit(1);
    }
    return getPolicyAgreement(ctx, {});
  });
}
