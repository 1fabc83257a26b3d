/** ISO-8601 UTC to the second: 2027-03-18T11:30:00Z */
export const isoUtc = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
