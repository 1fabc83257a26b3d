import type { Command } from 'commander';
import { z } from 'zod';
import { ACCOUNT_TYPES, DEMO_ACCOUNT, type PortalAccount } from '../fake-hubspot/crm/portalSettings.js';
import { CliExit, type CliIO } from './io.js';

/** Who a stand-in portal is, as `handoff fake-hubspot` and `handoff start` take it. */
export interface PortalAccountOpts {
  portalId?: string;
  currency?: string;
  timeZone?: string;
  accountType?: string;
}

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const validCurrency = (code: string) => {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
};

const Options = z.object({
  portalId: z.string().regex(/^[1-9]\d{0,9}$/, 'is not a HubSpot portal id (a whole number)').transform(Number).pipe(z.number().max(2 ** 31 - 1, 'is larger than a HubSpot portal id')).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code such as EUR or GBP').refine((c) => !/^[A-Z]{3}$/.test(c) || validCurrency(c), 'is not a currency Intl knows').optional(),
  timeZone: z.string().refine(validZone, 'is not an IANA time zone such as Europe/Dublin').optional(),
  accountType: z.enum(ACCOUNT_TYPES, { error: `is not one of ${ACCOUNT_TYPES.join(', ')}` }).optional(),
});

const FLAG: Record<string, string> = { portalId: '--portal-id', currency: '--currency', timeZone: '--time-zone', accountType: '--account-type' };

/** Adds the portal's identity options to a command. */
export function withPortalAccountOptions(command: Command): Command {
  return command
    .option('--portal-id <id>', `the portal's HubSpot id (default ${DEMO_ACCOUNT.portalId})`)
    .option('--currency <code>', `the company currency (default ${DEMO_ACCOUNT.companyCurrency}; GBP for a UK portal)`)
    .option('--time-zone <zone>', `the portal's time zone (default ${DEMO_ACCOUNT.timeZone})`)
    .option('--account-type <type>', `${ACCOUNT_TYPES.join(', ')} (default ${DEMO_ACCOUNT.accountType})`);
}

/** The options as account details for the fake, or every bad one named on stderr and exit 2. */
export function portalAccountOrExit(opts: PortalAccountOpts, io: CliIO): Partial<PortalAccount> {
  const parsed = Options.safeParse({ portalId: opts.portalId, currency: opts.currency, timeZone: opts.timeZone, accountType: opts.accountType });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = String(i.path[0]);
      io.err(`${FLAG[key] ?? key}: ${JSON.stringify((opts as Record<string, unknown>)[key])} ${i.message}`);
    }
    throw new CliExit(2);
  }
  const o = parsed.data;
  return {
    ...(o.portalId !== undefined ? { portalId: o.portalId } : {}),
    ...(o.currency ? { companyCurrency: o.currency } : {}),
    ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    ...(o.accountType ? { accountType: o.accountType } : {}),
  };
}
