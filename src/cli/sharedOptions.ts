import { Option } from 'commander';

// Options several commands share, worded once: a person reads the same help for the same option.

/** HubSpot's API base URL (a local portal's fake HubSpot); `when` names the command's mode that calls HubSpot. */
export const hubspotUrlOption = (when?: string): Option => new Option('--hubspot-url <url>', `HubSpot API base URL (the fake HubSpot for a local portal)${when ? `, ${when}` : ''}`);

/** The stretch of history a manager asks about. */
export const periodOption = (): Option => new Option('--since <when>', 'a date (YYYY-MM-DD, to now) or a period (last-182-days, 2026-Q3, FROM..TO); default: the whole export, or the last 182 days of the portal');

/** The portal's history read as of an instant (the local portal's simulated time); `when` names the mode that reads the portal. */
export const historyAtOption = (when: string): Option => new Option('--at <instant>', `read the portal's history as of this instant (the local portal's simulated time), ${when}`);
