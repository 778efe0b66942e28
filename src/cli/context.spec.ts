import { describe, expect, it } from 'vitest';
import { OceanApiError } from '../client';
import { ConfigFileError } from './config';
import { describeFailure, EXIT } from './context';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

describe('describing a failure', () => {
  it('never prints the userinfo of a URL, in the message of a library or in the server it names', () => {
    const parse = describeFailure(new TypeError('Failed to parse URL from http://user:s3cretpw@host/x'), undefined);
    expect(parse.line).not.toContain('s3cretpw');
    expect(parse.line).toContain('host/x');
    const refused = describeFailure(
      new TypeError('fetch failed', { cause: Object.assign(new Error('boom'), { code: 'ECONNREFUSED' }) }),
      'http://ada:s3cretpw@127.0.0.1:9',
    );
    expect(refused.line).not.toContain('s3cretpw');
    expect(refused.line).toContain('127.0.0.1:9');
    const db = describeFailure(new Error('connect to postgres://ocean:dbpass@db:5432/ocean failed'), undefined);
    expect(db.line).not.toContain('dbpass');
  });

  it('escapes control characters of a server detail and of a library message', () => {
    const api = describeFailure(
      new OceanApiError(400, 'BAD', 'no \u001b[31mred\u0007', undefined, undefined),
      undefined,
    );
    expect(api.line).not.toMatch(CONTROL);
    expect(api.line).toContain('\\x1b[31mred');
    expect(describeFailure(new Error('x\u001b]8;;http://evil\u0007y'), undefined).line).not.toMatch(CONTROL);
  });

  it('does not take an inherited member for a network code', () => {
    for (const code of ['constructor', 'toString', '__proto__']) {
      const { line } = describeFailure(
        new TypeError('fetch failed', { cause: Object.assign(new Error('odd'), { code }) }),
        'http://h',
      );
      expect(line).not.toMatch(/function|\[object/);
    }
  });

  it('answers a broken config file with exit 2', () => {
    const { line, exitCode } = describeFailure(
      new ConfigFileError('/x/config.yaml is not valid YAML (line 1)'),
      undefined,
    );
    expect(exitCode).toBe(EXIT.USAGE);
    expect(line).toBe('error: /x/config.yaml is not valid YAML (line 1)');
  });
});
