import type { Command } from 'commander';
import { OpeningHours, Region, TimeZone, WEEKDAYS, type Weekday, type WorkingHours } from '../../domain/policy/calendar.schema.js';
import { formatInstant } from '../../domain/labels/labels.js';
import { nextOpening, skippedDays, type BusinessCalendar } from '../../domain/sla/businessCalendar.js';
import { calendarFor, slaDue } from '../../domain/sla/sla.js';
import { loadPolicyOrExit } from '../policyOption.js';
import { CliExit, type CliIO } from '../io.js';
import { parseInstant } from '../parseInstant.js';
import { isoUtc } from '../isoUtc.js';

function parseDays(text: string): Weekday[] | undefined {
  const range = /^([a-z]{3})-([a-z]{3})$/.exec(text);
  if (range) {
    const a = WEEKDAYS.indexOf(range[1] as Weekday);
    const b = WEEKDAYS.indexOf(range[2] as Weekday);
    return a < 0 || b < 0 || b < a ? undefined : WEEKDAYS.slice(a, b + 1);
  }
  const list = text.split(',').map((d) => d.trim());
  return list.every((d) => (WEEKDAYS as readonly string[]).includes(d)) ? (list as Weekday[]) : undefined;
}

interface Opts { from: string; hours: string; team?: string; policy: string; region?: string; tz?: string; open?: string; close?: string; days: string; closures?: string; utc?: boolean }

export function registerSlaDue(program: Command, io: CliIO): void {
  program
    .command('sla-due')
    .description("when an SLA of N business hours started at --from falls due, on a team's calendar from the policy (--team) or one given by hand; names the holidays and closures it skipped; the due instant (UTC) is the last line")
    .requiredOption('--from <iso>', 'when the clock starts, e.g. 2027-03-16T16:30:00Z')
    .requiredOption('--hours <n>', 'business hours, e.g. 4 or 1.5')
    .option('--team <id>', "a team in the policy: its region, time zone, working hours and the policy's closures")
    .option('--policy <file>', 'the policy file (with --team)', 'handoff.policy.yaml')
    .option('--region <region>', 'public holidays of IE, GB-ENG, GB-SCT, GB-WLS or GB-NIR (without --team)')
    .option('--tz <zone>', 'IANA time zone of the working hours, e.g. Europe/Dublin (without --team)')
    .option('--open <HH:MM>', 'opening time, e.g. 09:00 (without --team)')
    .option('--close <HH:MM>', 'closing time, e.g. 17:30 (without --team)')
    .option('--days <days>', 'working days: a range (mon-fri) or a list (mon,tue,thu)', 'mon-fri')
    .option('--closures <dates>', 'extra closed dates, comma-separated YYYY-MM-DD')
    .option('--utc', 'print every time in UTC, not in the calendar’s zone')
    .action((opts: Opts) => {
      const fail = (msg: string): never => {
        io.err(msg);
        throw new CliExit(1);
      };
      const from = parseInstant('--from', opts.from, io);
      const hours = Number(opts.hours);
      if (!/^\d+(\.\d+)?$/.test(opts.hours) || hours <= 0) fail(`--hours: ${JSON.stringify(opts.hours)} is not a positive number of hours`);
      const closures = (opts.closures ?? '').split(',').map((d) => d.trim()).filter(Boolean);
      const badClosure = closures.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
      if (badClosure) fail(`--closures: ${JSON.stringify(badClosure)} is not a date written YYYY-MM-DD`);

      let cal: BusinessCalendar;
      let what: string;
      let closureLabels: Record<string, string> = {};
      if (opts.team) {
        const policy = loadPolicyOrExit(opts.policy, io);
        const team = policy.teams.find((t) => t.id === opts.team);
        if (!team) fail(`--team: ${JSON.stringify(opts.team)} is not a team in the policy (${policy.teams.map((t) => t.id).join(', ')})`);
        const member = policy.people.find((p) => p.team === team!.id && !p.timeZone && !p.region && !p.workingHours) ?? { ...policy.people[0]!, team: team!.id, timeZone: undefined, region: undefined, workingHours: undefined };
        const base = calendarFor(member, policy);
        cal = { ...base, closures: [...base.closures, ...closures] };
        closureLabels = Object.fromEntries(policy.closures.map((c) => [c.date, c.label]));
        what = `${team!.name} (${cal.region}, ${cal.timeZone})`;
      } else {
        for (const k of ['region', 'tz', 'open', 'close'] as const) if (!opts[k]) fail(`--${k} is needed without --team (or give --team, a team in the policy)`);
        const region = Region.safeParse(opts.region);
        if (!region.success) fail(`--region: ${JSON.stringify(opts.region)} is not one of ${Region.options.join(', ')}`);
        if (!TimeZone.safeParse(opts.tz).success) fail(`--tz: ${JSON.stringify(opts.tz)} is not an IANA time zone (e.g. Europe/Dublin)`);
        const window = OpeningHours.safeParse(`${opts.open}-${opts.close}`);
        if (!window.success) fail(`--open/--close: ${JSON.stringify(`${opts.open}-${opts.close}`)}: ${window.error?.issues[0]?.message}`);
        const days = parseDays(opts.days.toLowerCase());
        if (!days || days.length === 0) fail(`--days: ${JSON.stringify(opts.days)} is not a range like mon-fri or a list like mon,tue,wed`);
        const workingHours: WorkingHours = Object.fromEntries(days!.map((d) => [d, window.data!]));
        cal = { timeZone: opts.tz!, workingHours, region: region.data!, closures };
        what = `${cal.region} (${cal.timeZone}, ${opts.days} ${window.data!.text})`;
      }
      const due = slaDue(from, hours, cal);
      const at = (d: Date) => (opts.utc ? isoUtc(d) : formatInstant(d, cal.timeZone, true));
      io.out(`SLA of ${hours} business hour${hours === 1 ? '' : 's'} in ${what}`);
      io.out(`clock starts ${at(nextOpening(from, cal))}`);
      for (const s of skippedDays(from, due, cal, closureLabels)) io.out(`skipped ${formatInstant(`${s.date}T12:00:00`, cal.timeZone).replace(/, 12:00$/, '')}: ${s.why}`);
      io.out(`due ${at(due)}`);
      io.out(isoUtc(due));
    });
}
