import type { PropertyDefinition } from './propertyDefinition.js';

// What HubSpot says about one bad property value, inside a 400 VALIDATION_ERROR.
export interface PropertyValueError {
  isValid: false;
  name: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'INVALID_OPTION' | 'INVALID_DOUBLE' | 'INVALID_DATE' | 'INVALID_DATETIME' | 'READ_ONLY_VALUE' | 'INVALID_OWNER_ID';
  message: string;
  localizedErrorMessage: string;
}

export type ValueCheck = { ok: true; value: string | null } | { ok: false; error: PropertyValueError };

function invalid(name: string, error: PropertyValueError['error'], message: string): ValueCheck {
  return { ok: false, error: { isValid: false, name, error, message, localizedErrorMessage: message } };
}

export function unknownProperty(name: string): PropertyValueError {
  const message = `Property "${name}" does not exist`;
  return { isValid: false, name, error: 'PROPERTY_DOESNT_EXIST', message, localizedErrorMessage: message };
}

const EPOCH_MS = /^-?\d{1,15}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An instant from what HubSpot accepts for a datetime: epoch milliseconds or ISO 8601. */
export function parseInstant(raw: string): number | undefined {
  if (EPOCH_MS.test(raw)) return Number(raw);
  if (ISO_DATE.test(raw) || ISO_DATETIME.test(raw)) {
    const ms = Date.parse(raw);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

export interface ValueContext {
  ownerExists: (ownerId: string) => boolean;
}

/**
 * Checks one written value against its definition and returns the string HubSpot stores:
 * numbers canonical, datetimes as ISO 8601 UTC, dates as YYYY-MM-DD (midnight UTC only),
 * booleans "true"/"false", enumerations only from the options. Empty string or null clears.
 */
export function checkPropertyValue(def: PropertyDefinition, input: unknown, ctx: ValueContext): ValueCheck {
  if (input === null || input === undefined || input === '') return { ok: true, value: null };
  if (typeof input === 'object') return invalid(def.name, 'INVALID_OPTION', `${JSON.stringify(input)} is not a valid value for ${def.name}: values are strings.`);
  const raw = String(input);
  switch (def.type) {
    case 'string':
    case 'phone_number':
      return { ok: true, value: raw };
    case 'number': {
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n)) return invalid(def.name, 'INVALID_DOUBLE', `${raw} was not a valid number.`);
      return { ok: true, value: String(n) };
    }
    case 'datetime': {
      const ms = parseInstant(raw.trim());
      if (ms === undefined) return invalid(def.name, 'INVALID_DATETIME', `${raw} was not a valid datetime: use epoch milliseconds or ISO 8601 (e.g. 2026-11-25T09:30:00Z).`);
      return { ok: true, value: new Date(ms).toISOString() };
    }
    case 'date': {
      const ms = parseInstant(raw.trim());
      if (ms === undefined) return invalid(def.name, 'INVALID_DATE', `${raw} was not a valid date: use YYYY-MM-DD or epoch milliseconds at midnight UTC.`);
      if (ms % 86_400_000 !== 0) return invalid(def.name, 'INVALID_DATE', `${raw} is not midnight UTC; date properties hold whole days.`);
      return { ok: true, value: new Date(ms).toISOString().slice(0, 10) };
    }
    case 'bool': {
      const v = raw.toLowerCase();
      if (v !== 'true' && v !== 'false') return invalid(def.name, 'INVALID_OPTION', `${raw} was not one of the allowed options: [true, false]`);
      return { ok: true, value: v };
    }
    case 'enumeration': {
      if (def.externalOptions) {
        if (def.referencedObjectType === 'OWNER' && !ctx.ownerExists(raw)) return invalid(def.name, 'INVALID_OWNER_ID', `${raw} is not a valid owner id.`);
        return { ok: true, value: raw };
      }
      const allowed = def.options.map((o) => o.value);
      const values = def.fieldType === 'checkbox' ? raw.split(';') : [raw];
      const bad = values.find((v) => !allowed.includes(v));
      if (bad !== undefined) return invalid(def.name, 'INVALID_OPTION', `${bad} was not one of the allowed options: [${allowed.join(', ')}]`);
      return { ok: true, value: raw };
    }
  }
}
