import { z } from 'zod';
import { IANAZone } from 'luxon';

export const REGIONS = ['IE', 'GB-ENG', 'GB-SCT', 'GB-WLS', 'GB-NIR'] as const;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const TimeZone = z.string().refine((tz) => IANAZone.isValidZone(tz), { error: 'is not an IANA time zone (e.g. Europe/Dublin, Europe/London)' });

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** "09:00-17:30" → { open: 540, close: 1050 } minutes after local midnight. */
export const OpeningHours = z
  .string()
  .transform((s, ctx) => {
    const [open, close, ...rest] = s.split('-').map((p) => p.trim());
    if (!open || !close || rest.length > 0 || !HHMM.test(open) || !HHMM.test(close)) {
      ctx.addIssue({ code: 'custom', message: 'opening hours are written "HH:MM-HH:MM" (e.g. "09:00-17:30")' });
      return z.NEVER;
    }
    const o = toMinutes(open);
    const c = toMinutes(close);
    if (c <= o) {
      ctx.addIssue({ code: 'custom', message: 'closing time must be after opening time' });
      return z.NEVER;
    }
    return { open: o, close: c, text: s };
  });
export type OpeningHours = z.output<typeof OpeningHours>;

/** Working hours per weekday; a day that is absent or null is closed. */
export const WorkingHours = z
  .strictObject({
    mon: OpeningHours.nullable().optional(),
    tue: OpeningHours.nullable().optional(),
    wed: OpeningHours.nullable().optional(),
    thu: OpeningHours.nullable().optional(),
    fri: OpeningHours.nullable().optional(),
    sat: OpeningHours.nullable().optional(),
    sun: OpeningHours.nullable().optional(),
  })
  .refine((w) => WEEKDAYS.some((d) => w[d]), { error: 'at least one weekday must have opening hours' });
export type WorkingHours = z.output<typeof WorkingHours>;

export const IsoDate = z.iso.date({ error: 'must be a date written YYYY-MM-DD' });
