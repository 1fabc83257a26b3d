import type { Context } from 'hono';
import { z } from 'zod';
import { OBJECT_TYPES, resolveObjectType, type ObjectType } from '../crm/objectTypes.js';
import { validationError, HubSpotHttpError, errorBody } from './hubspotErrors.js';

/** The JSON body parsed against a schema; HubSpot's 400 naming the field and value otherwise. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch (e) {
    throw validationError(`Invalid input JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const path = first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const value = first.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), raw);
    throw validationError(`Invalid input: ${path || 'body'}: ${first.message}${value !== undefined ? ` (got ${JSON.stringify(value)})` : ''}`, {
      errors: parsed.error.issues.map((i) => ({ message: i.message, in: i.path.join('.') })),
    });
  }
  return parsed.data;
}

/** A list query parameter, repeated (`properties=a&properties=b`) or comma-separated. */
export function listParam(c: Context, name: string): string[] | undefined {
  const values = c.req.queries(name);
  if (!values) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function boolParam(c: Context, name: string): boolean {
  return c.req.query(name) === 'true';
}

export function intParam(c: Context, name: string, fallback: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validationError(`Invalid ${name}: ${JSON.stringify(raw)} is not a positive integer.`);
  return Math.min(n, max);
}

/** The object type named in the path (contacts, contact or 0-1), or HubSpot's 400. */
export function objectTypeParam(c: Context, name = 'objectType'): ObjectType {
  const segment = c.req.param(name) ?? '';
  const type = resolveObjectType(segment);
  if (!type) {
    throw new HubSpotHttpError(
      400,
      errorBody('VALIDATION_ERROR', `Unable to infer object type from: ${segment}. The fake HubSpot serves ${Object.keys(OBJECT_TYPES).join(', ')}.`),
    );
  }
  return type;
}

export function associationTypesParam(c: Context): ObjectType[] | undefined {
  const names = listParam(c, 'associations');
  if (!names) return undefined;
  return names.map((n) => resolveObjectType(n)).filter((t): t is ObjectType => t !== undefined);
}

export const PropertyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
