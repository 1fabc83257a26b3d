import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { simulate } from '../../domain/simulation/simulate.js';
import { readLeadsFile } from '../../lead-import/readLeadsFile.js';
import { DEFAULT_POLICY_FILE } from '../../policy-file/loadPolicyFile.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { CliExit, type CliIO } from '../io.js';
import { parseInstant } from '../parseInstant.js';
import { isoUtc } from '../isoUtc.js';
import { formatInstant, QUALIFICATION_STAGE_LABELS } from '../../domain/labels/labels.js';
import { calendarFor } from '../../domain/sla/sla.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command('simulate')
    .description('backtest a policy over historic leads in arrival order: qualification, owner, rule and SLA per lead, and a summary')
    .option('--policy <file>', 'policy file', DEFAULT_POLICY_FILE)
    .requiredOption('--leads <file>', 'leads: a HubSpot contacts export (CSV) or a JSON array')
    .option('--start <iso>', 'ignore leads that arrived before this instant')
    .option('--out <file>', 'also write the per-lead results (.csv or .json)')
    .option('--quiet', 'print only the summary')
    .option('--utc', "print times in UTC, not in each owner's time zone")
    .action((opts: { policy: string; leads: string; start?: string; out?: string; quiet?: boolean; utc?: boolean }) => {
      const policy = loadPolicyOrExit(opts.policy, io);
      const leads = readLeadsFile(resolve(io.cwd, opts.leads));
      if (!leads.ok) {
        io.err(leads.error);
        throw new CliExit(1);
      }
      const start = opts.start ? parseInstant('--start', opts.start, io).getTime() : -Infinity;
      const { outcomes, summary: s } = simulate(leads.value.filter((l) => l.arrivedAt.getTime() >= start), policy);

      if (!opts.quiet) {
        // Times in the owner's zone (the first team's for a lead nobody got), as the rep reads them.
        const zoneOf = (personId: string | undefined) => calendarFor(policy.people.find((p) => p.id === personId) ?? policy.people.find((p) => p.team === policy.teams[0]!.id)!, policy).timeZone;
        const at = (iso: string, personId: string | undefined) => (opts.utc ? isoUtc(new Date(iso)) : formatInstant(iso, zoneOf(personId)));
        io.out(`id       ${'arrived'.padEnd(23)} stage         owner            rule              SLA due${opts.utc ? ' (UTC)' : " (owner's time zone)"}`);
        for (const o of outcomes) {
          const owner = o.personId ? policy.people.find((p) => p.id === o.personId)!.name : '-';
          io.out(`${o.id.padEnd(8)} ${at(o.arrivedAt, o.personId).padEnd(23)} ${QUALIFICATION_STAGE_LABELS[o.stage as keyof typeof QUALIFICATION_STAGE_LABELS]?.padEnd(13) ?? o.stage.padEnd(13)} ${owner.padEnd(16)} ${(o.ruleId ?? '-').padEnd(17)} ${o.slaDue ? at(o.slaDue, o.personId) : '-'}`);
        }
        io.out('');
      }
      io.out(`Summary (policy ${policy.version})`);
      io.out(`  leads: ${s.leads}   MQLs: ${s.mqls} (${pct(s.mqlRate)})   disqualified: ${s.disqualified}   sent to fallback: ${s.toFallback}`);
      io.out(`  by rule: ${Object.entries(s.byRule).sort(([a], [b]) => a.localeCompare(b)).map(([r, n]) => `${r} ${n}`).join(', ')}`);
      io.out('  leads per owner:');
      for (const o of s.perOwner) io.out(`    ${o.name.padEnd(16)} ${o.teamId.padEnd(11)} ${String(o.leads).padStart(4)}`);
      io.out(`  fairness across reps: max/min ${Number.isFinite(s.fairness.maxMinRatio) ? s.fairness.maxMinRatio.toFixed(2) : '∞ (someone got none)'}, Gini ${s.fairness.gini.toFixed(3)}`);
      io.out('  SLA load per team:');
      for (const t of s.slaLoadPerTeam) io.out(`    ${t.teamId.padEnd(11)} MQLs ${String(t.mqls).padStart(4)}   hot ${String(t.hot).padStart(3)}   SLA business hours ${t.slaBusinessHours}`);

      if (opts.out) {
        const file = resolve(io.cwd, opts.out);
        writeFileSync(file, extname(file) === '.json' ? `${JSON.stringify({ outcomes, summary: s }, null, 2)}\n` : stringify(outcomes, { header: true, columns: ['id', 'arrivedAt', 'stage', 'personId', 'ownerId', 'teamId', 'ruleId', 'slaTier', 'slaDue', 'summary'] }));
        io.out(`wrote ${opts.out}`);
      }
    });
}
