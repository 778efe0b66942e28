import { types } from 'pg';

/** ISO 8601 in UTC with a `Z`, whatever the driver handed back. */
export const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

const PG_UTC = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;
const parsePgTimestamptz = types.getTypeParser(1184) as (text: string) => Date;

/**
 * A timestamptz as PostgreSQL prints it (DateStyle ISO) turned into the API's form. In a UTC
 * session (`2026-12-01 08:00:00.123456+00`) that is a rearrangement of the text, milliseconds
 * truncated as a Date keeps them; any other offset, year or value goes through a Date.
 */
export function isoFromPg(text: string): string {
  const m = PG_UTC.exec(text);
  if (m === null) return parsePgTimestamptz(text).toISOString();
  const ms = m[3] === undefined ? '000' : m[3].length >= 3 ? m[3].slice(0, 3) : m[3].padEnd(3, '0');
  return `${m[1]}T${m[2]}.${ms}Z`;
}
