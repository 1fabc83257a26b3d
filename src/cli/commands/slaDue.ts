import type { Command } from 'commander';
import { OpeningHours, Region, TimeZone, WEEKDAYS, type Weekday, type WorkingHours } from '../../domain/policy/calendar.schema.js';
import { nextOpening, type BusinessCalendar } from '../../domain/sla/businessCalendar.js';
import { slaDue } from '../../domain/sla/sla.js';
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

interface Opts { from: string; hours: string; region: string; tz: string; open: string; close: string; days: string; closures?: string }

export function registerSlaDue(program: Command, io: CliIO): void {
  program
    .command('sla-due')
    .description('when an SLA of N business hours started at --from falls due; prints the due instant (UTC) on the last line')
    .requiredOption('--from <iso>', 'when the clock starts, e.g. 2027-03-16T16:30:00Z')
    .requiredOption('--hours <n>', 'business hours, e.g. 4 or 1.5')
    .requiredOption('--region <region>', 'public holidays of IE, GB-ENG, GB-SCT, GB-WLS or GB-NIR')
    .requiredOption('--tz <zone>', 'IANA time zone of the working hours, e.g. Europe/Dublin')
    .requiredOption('--open <HH:MM>', 'opening time, e.g. 09:00')
    .requiredOption('--close <HH:MM>', 'closing time, e.g. 17:30')
    .option('--days <days>', 'working days: a range (mon-fri) or a list (mon,tue,thu)', 'mon-fri')
    .option('--closures <dates>', 'extra closed dates, comma-separated YYYY-MM-DD')
    .action((opts: Opts) => {
      const fail = (msg: string): never => {
        io.err(msg);
        throw new CliExit(1);
      };
      const from = parseInstant('--from', opts.from, io);
      const hours = Number(opts.hours);
      if (!/^\d+(\.\d+)?$/.test(opts.hours) || hours <= 0) fail(`--hours: ${JSON.stringify(opts.hours)} is not a positive number of hours`);
      const region = Region.safeParse(opts.region);
      if (!region.success) fail(`--region: ${JSON.stringify(opts.region)} is not one of ${Region.options.join(', ')}`);
      if (!TimeZone.safeParse(opts.tz).success) fail(`--tz: ${JSON.stringify(opts.tz)} is not an IANA time zone (e.g. Europe/Dublin)`);
      const window = OpeningHours.safeParse(`${opts.open}-${opts.close}`);
      if (!window.success) fail(`--open/--close: ${JSON.stringify(`${opts.open}-${opts.close}`)}: ${window.error?.issues[0]?.message}`);
      const days = parseDays(opts.days.toLowerCase());
      if (!days || days.length === 0) fail(`--days: ${JSON.stringify(opts.days)} is not a range like mon-fri or a list like mon,tue,wed`);
      const closures = (opts.closures ?? '').split(',').map((d) => d.trim()).filter(Boolean);
      const badClosure = closures.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
      if (badClosure) fail(`--closures: ${JSON.stringify(badClosure)} is not a date written YYYY-MM-DD`);

      const workingHours: WorkingHours = Object.fromEntries(days!.map((d) => [d, window.data!]));
      const cal: BusinessCalendar = { timeZone: opts.tz, workingHours, region: region.data!, closures };
      const due = slaDue(from, hours, cal);
      io.out(`SLA of ${hours} business hour${hours === 1 ? '' : 's'} in ${cal.region} (${cal.timeZone}, ${opts.days} ${window.data!.text})`);
      io.out(`clock starts ${isoUtc(nextOpening(from, cal))}`);
      io.out(isoUtc(due));
    });
}
