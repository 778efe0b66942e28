/** ISO 8601 in UTC with a `Z`, whatever the driver handed back. */
export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
