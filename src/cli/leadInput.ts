import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Lead } from '../domain/lead.js';
import { formatPath } from '../domain/policy/policyIssues.js';
import { err, ok, type Result } from '../domain/result.js';

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Props = z.record(z.string(), Value);
const HubSpotRecord = z.object({ properties: Props });

const Company = z.union([HubSpotRecord, Props, z.null()]).optional();

/**
 * A lead on the command line, in one of three shapes chosen by its keys (so errors speak
 * about the shape the author meant): `{contact, company}`, a HubSpot record
 * `{properties, company?}`, or a flat map of contact properties with an optional `company`.
 */
const SHAPES = {
  split: z.strictObject({ contact: Props, company: Company }),
  record: z.object({ properties: Props, company: Company }),
  flat: z.object({ company: Company }).catchall(Value),
};

const props = (v: unknown): Record<string, string | number | boolean | null> | null => {
  if (v === null || v === undefined) return null;
  const rec = HubSpotRecord.safeParse(v);
  return rec.success ? rec.data.properties : (v as Record<string, string | number | boolean | null>);
};

export function parseLead(input: unknown): Result<Lead, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return err(`lead: must be a JSON object (got ${JSON.stringify(input)})`);
  const shape = 'contact' in input ? 'split' : 'properties' in input ? 'record' : 'flat';
  const parsed = SHAPES[shape].safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(`lead ${formatPath(first?.path ?? [])}: ${first?.message ?? 'is not a lead'} (property values are strings, numbers, booleans or null)`);
  }
  const data = parsed.data as Record<string, unknown>;
  if (shape === 'split') return ok({ contact: props(data.contact) ?? {}, company: props(data.company) });
  if (shape === 'record') return ok({ contact: props(data) ?? {}, company: props(data.company) });
  const { company, ...contact } = data;
  return ok({ contact: contact as Lead['contact'], company: props(company) });
}

/** `--lead` takes inline JSON or a path to a JSON file. */
export function readLeadArgument(arg: string, cwd: string): Result<Lead, string> {
  const trimmed = arg.trim();
  let text = trimmed;
  if (!trimmed.startsWith('{')) {
    const path = trimmed.startsWith('/') ? trimmed : `${cwd}/${trimmed}`;
    if (!existsSync(path)) return err(`--lead: ${JSON.stringify(arg)} is neither inline JSON nor a file that exists`);
    text = readFileSync(path, 'utf8');
  }
  try {
    return parseLead(JSON.parse(text));
  } catch (e) {
    return err(`--lead: not valid JSON (${(e as Error).message})`);
  }
}
