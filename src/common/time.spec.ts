import { types } from 'pg';
import { describe, expect, it } from 'vitest';
import { isoFromPg } from './time';

const viaDate = (text: string): string => (types.getTypeParser(1184) as (t: string) => Date)(text).toISOString();

describe('isoFromPg', () => {
  it('rearranges a UTC timestamptz into ISO 8601 with milliseconds and Z', () => {
    expect(isoFromPg('2026-12-01 08:00:00.123456+00')).toBe('2026-12-01T08:00:00.123Z');
    expect(isoFromPg('2026-12-01 08:00:00.123+00')).toBe('2026-12-01T08:00:00.123Z');
    expect(isoFromPg('2026-12-01 08:00:00.5+00')).toBe('2026-12-01T08:00:00.500Z');
    expect(isoFromPg('2026-12-01 08:00:00+00')).toBe('2026-12-01T08:00:00.000Z');
  });

  it('truncates microseconds as the Date it replaces did', () => {
    expect(isoFromPg('2026-12-01 08:00:00.123999+00')).toBe('2026-12-01T08:00:00.123Z');
    expect(viaDate('2026-12-01 08:00:00.123999+00')).toBe('2026-12-01T08:00:00.123Z');
  });

  it('converts other offsets and odd values through a Date', () => {
    expect(isoFromPg('2026-12-01 09:30:00.25+01:30')).toBe('2026-12-01T08:00:00.250Z');
    expect(isoFromPg('2026-11-30 22:00:00-10')).toBe('2026-12-01T08:00:00.000Z');
    expect(isoFromPg('12026-12-01 08:00:00+00')).toBe(viaDate('12026-12-01 08:00:00+00'));
  });

  it('agrees with the Date path on many UTC values', () => {
    for (let i = 0; i < 2000; i++) {
      const d = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 2 ** 41));
      const micros = String(Math.floor(Math.random() * 1e6))
        .padStart(6, '0')
        .replace(/0+$/, '');
      const text = `${d.toISOString().slice(0, 19).replace('T', ' ')}${micros ? `.${micros}` : ''}+00`;
      expect(isoFromPg(text), text).toBe(viaDate(text));
    }
  });
});
