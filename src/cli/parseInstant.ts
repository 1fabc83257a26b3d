import { CliExit, type CliIO } from './io.js';

/** An ISO-8601 instant with an explicit offset or Z; anything else names the option and value. */
export function parseInstant(option: string, value: string, io: CliIO): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(value);
  if (!ok || Number.isNaN(date.getTime())) {
    io.err(`${option}: ${JSON.stringify(value)} is not an ISO-8601 instant with a time zone (e.g. 2027-03-18T09:30:00Z)`);
    throw new CliExit(1);
  }
  return date;
}
