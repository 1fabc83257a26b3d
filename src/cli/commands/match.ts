import type { Command } from 'commander';
import { accountLookup, signalInWords, type AccountCandidate } from '../../domain/accounts/index.js';
import { personByOwnerId } from '../../domain/index.js';
import { fillAccountIndex } from '../../handlers/accountIndex.js';
import { accountRules, leadAccountFacts, matchLeadAccount } from '../../handlers/accountMatch.js';
import { connectPortal } from '../../handlers/connectPortal.js';
import { hubspotClient } from '../../hubspot/hubspotClient.js';
import { HubSpotCrmGateway } from '../../hubspot/hubspotCrmGateway.js';
import { DEFAULT_POLICY_FILE } from '../../policy-file/loadPolicyFile.js';
import { hubspotConnectionOrExit } from '../hubspotOption.js';
import { CliExit, type CliIO } from '../io.js';
import { readLeadArgument } from '../leadInput.js';
import { openLedgerOrExit } from '../ledgerOption.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { hubspotUrlOption } from '../sharedOptions.js';

interface Opts { policy: string; lead: string; companyId?: string; refresh?: boolean; hubspotUrl?: string; json?: boolean }

/** `handoff match`: one lead's lead-to-account matching against the account index, signal by signal. */
export function registerMatch(program: Command, io: CliIO): void {
  program
    .command('match')
    .description("which company a lead belongs to, from the ledger's account index: every candidate and signal, and why one wins")
    .option('--policy <file>', 'policy file (its accounts section: personal domains, tie-breakers, how close a name must be)', DEFAULT_POLICY_FILE)
    .requiredOption('--lead <json|file>', 'the lead: inline JSON or a JSON file (email, website, company, country)')
    .option('--company-id <id>', 'the company HubSpot associates the lead with, if any')
    .option('--refresh', "fill the account index from HubSpot's company list first (token from HUBSPOT_ACCESS_TOKEN)")
    .addOption(hubspotUrlOption('with --refresh'))
    .option('--json', 'print the matching as JSON')
    .action(async (opts: Opts) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const lead = readLeadArgument(opts.lead, io.cwd);
      if (!lead.ok) {
        io.err(lead.error);
        throw new CliExit(1);
      }
      if (opts.companyId !== undefined && !/^\d+$/.test(opts.companyId)) {
        io.err(`--company-id: ${JSON.stringify(opts.companyId)} is not a HubSpot record id`);
        throw new CliExit(2);
      }
      const ledger = await openLedgerOrExit(io);
      try {
        if (opts.refresh) {
          const crm = new HubSpotCrmGateway(hubspotClient(hubspotConnectionOrExit(opts.hubspotUrl, io)));
          await connectPortal(crm, ledger);
          const filled = await fillAccountIndex({ crm, ledger });
          io.out(`account index: ${filled.companies} compan${filled.companies === 1 ? 'y' : 'ies'} read in ${filled.pages} page${filled.pages === 1 ? '' : 's'}${filled.dropped ? `, ${filled.dropped} gone from HubSpot dropped` : ''}`);
        }
        const index = await ledger.accountIndex();
        if (!ledger.portalId || index.companies === 0) io.out("the account index is empty: a server fills it at its first start, or run this with --refresh");
        const facts = leadAccountFacts(lead.value, opts.companyId);
        const m = await matchLeadAccount({ ledger, policy }, lead.value, opts.companyId);
        if (opts.json) {
          io.out(JSON.stringify({ facts, lookup: accountLookup(facts, accountRules(policy)), ...m }, null, 2));
          return;
        }
        const q = accountLookup(facts, accountRules(policy));
        io.out(`lead: ${[facts.email && `email ${facts.email}`, facts.website && `website ${facts.website}`, facts.companyName && `company "${facts.companyName}"`, facts.country && `country ${facts.country}`, facts.associatedCompanyId && `associated with company ${facts.associatedCompanyId}`].filter(Boolean).join(', ') || 'nothing to match on'}`);
        io.out(`looked up: ${[q.domains.length && `domains ${q.domains.join(', ')}`, q.stems.length && `stems ${q.stems.join(', ')}`, q.nameKey && `name "${q.nameKey}"`].filter(Boolean).join('; ') || 'nothing (no domain or name to look up)'}`);
        const owner = (c: AccountCandidate) => (c.account.ownerId ? (personByOwnerId(policy, c.account.ownerId)?.name ?? `HubSpot owner ${c.account.ownerId}`) : 'no owner');
        io.out(m.match ? `match: ${m.explanation} Owner: ${owner(m.match)}.` : m.explanation);
        for (const c of m.candidates) io.out(`  ${c === m.match ? '✓' : '·'} ${c.account.name} (company ${c.account.companyId}, ${owner(c)}, ${c.account.contacts} contacts): ${c.signals.map((s) => signalInWords(s, c.account)).join('; ')}`);
        for (const c of m.notCounted) io.out(`  ✗ ${c.account.name} (company ${c.account.companyId}): ${c.why}`);
        for (const n of m.notes) io.out(`  note: ${n}`);
      } finally {
        await ledger.close();
      }
    });
}
