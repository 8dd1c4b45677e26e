import { describe, expect, it } from 'vitest';
import { basicAuthorization, findNetrcEntry, NetrcError, parseNetrc } from '../../src-main/host/netrc';

function refusal(text: string): NetrcError {
  try {
    parseNetrc(text);
  } catch (err) {
    if (err instanceof NetrcError) return err;
    throw err;
  }
  throw new Error('expected the .netrc text to be refused');
}

describe('parseNetrc', () => {
  it('reads machine entries on one line or spread over several, and a default last', () => {
    const entries = parseNetrc(
      'machine files.example.com login alice password s3cret\n' +
        '# a comment line\n' +
        'machine Other.Example\n  login bob\n  account ignored\n  password "pass word \\" quoted"\n' +
        'default login anonymous password guest@\n',
    );
    expect(entries).toEqual([
      { machine: 'files.example.com', login: 'alice', password: 's3cret' },
      { machine: 'other.example', login: 'bob', password: 'pass word " quoted' },
      { login: 'anonymous', password: 'guest@' },
    ]);
  });

  it('skips a macdef body up to its blank line, whatever it contains', () => {
    const entries = parseNetrc(
      'machine a.example login a password 1\n' +
        'macdef init\ncd "unbalanced\nlogin not-a-credential\n\n' +
        'machine b.example login b password 2\r\n',
    );
    expect(entries.map((entry) => entry.machine)).toEqual(['a.example', 'b.example']);
    expect(entries[1]).toMatchObject({ login: 'b', password: '2' });
  });

  it('refuses unknown words with their line number and never repeats a word of the file', () => {
    const error = refusal('machine a.example login alice password s3cret extra-secret\n');
    expect(error.code).toBe('NETRC_INVALID');
    expect(error.line).toBe(1);
    expect(error.message).not.toContain('secret');
    expect(refusal('machine a\n\nlogin x password\n').message).toMatch(/line 3: "password" needs a value/);
  });

  it('refuses credentials outside an entry, a machine after default, and two defaults', () => {
    expect(refusal('login alice password x').message).toMatch(/must follow "machine" or "default"/);
    expect(refusal('default login a password b\nmachine x login c password d').line).toBe(2);
    expect(refusal('default\ndefault').message).toMatch(/more than one "default"/);
    expect(refusal('machine a password "open').message).toMatch(/quoted word does not end/);
  });
});

describe('findNetrcEntry and basicAuthorization', () => {
  const entries = parseNetrc(
    'machine files.example.com login alice password s3cret\ndefault login anon password x',
  );

  it('finds the entry for the host, case-insensitively, else the default', () => {
    expect(findNetrcEntry(entries, 'FILES.example.com')?.login).toBe('alice');
    expect(findNetrcEntry(entries, 'elsewhere.example')?.login).toBe('anon');
    expect(findNetrcEntry(parseNetrc('machine a login b password c'), 'z')).toBeUndefined();
  });

  it('builds a Basic Authorization value only from a login and a password', () => {
    expect(basicAuthorization(entries[0])).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    expect(basicAuthorization({ machine: 'x', login: 'only' })).toBeUndefined();
    expect(basicAuthorization(undefined)).toBeUndefined();
  });
});
