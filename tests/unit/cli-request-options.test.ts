import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError, type DownloadCommand } from '../../src-main/cli/cli-args';
import { loadNetrc, proxySettingsOf, requestOptionsFor } from '../../src-main/cli/cli-request-options';
import { parseNetrc } from '../../src-main/host/netrc';

function command(...flags: string[]): DownloadCommand {
  const parsed = parseCliArgs(['http://files.example.com/a.bin', ...flags]);
  if (parsed.kind !== 'download') throw new Error('expected a download');
  return parsed;
}

const netrc = parseNetrc('machine files.example.com login alice password s3cret');
const ALICE = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;

describe('requestOptionsFor', () => {
  it('sends --header lines, with --referer and --user-agent replacing headers of the same name', () => {
    const options = requestOptionsFor(
      command(
        '--header',
        'referer: old',
        '--header',
        'Cookie: a=1',
        '--referer',
        'https://page/',
        '--user-agent',
        'UA/2',
      ),
      'http://other.example/x',
      [],
    );
    expect(options).toEqual({ headers: { Cookie: 'a=1', Referer: 'https://page/', 'User-Agent': 'UA/2' } });
  });

  it("reads --referer '*' as each download's own URL, as aria2c does", () => {
    expect(requestOptionsFor(command('--referer', '*'), 'http://a.example/f.iso', []).headers).toEqual({
      Referer: 'http://a.example/f.iso',
    });
  });

  it('adds .netrc credentials only for the host they are listed for', () => {
    expect(requestOptionsFor(command(), 'http://files.example.com/a.bin', netrc).headers).toEqual({
      Authorization: ALICE,
    });
    expect(requestOptionsFor(command(), 'http://elsewhere.example/a.bin', netrc)).toEqual({});
  });

  it('lets credentials in the URL or an explicit Authorization header win over .netrc', () => {
    expect(requestOptionsFor(command(), 'http://bob:pw@files.example.com/a.bin', netrc)).toEqual({});
    const explicit = requestOptionsFor(
      command('--header', 'authorization: Bearer t'),
      'http://files.example.com/',
      netrc,
    );
    expect(explicit.headers).toEqual({ authorization: 'Bearer t' });
  });

  it('carries --max-download-limit as the download’s own limit', () => {
    expect(requestOptionsFor(command('--max-download-limit', '1M'), 'http://a/b', [])).toEqual({
      maxBytesPerSecond: 1024 * 1024,
    });
  });
});

describe('proxySettingsOf', () => {
  it('makes --all-proxy the proxy of every download, and --all-proxy "" turns every proxy off', () => {
    expect(proxySettingsOf(command())).toEqual({});
    expect(proxySettingsOf(command('--all-proxy', 'socks5://127.0.0.1:1080'))).toEqual({
      proxy: 'socks5://127.0.0.1:1080',
      noProxy: '',
    });
    expect(proxySettingsOf(command('--all-proxy', ''))).toEqual({ proxy: '', noProxy: '*' });
  });
});

describe('loadNetrc', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the file given with --netrc-file', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdl-netrc-'));
    const file = path.join(dir, 'netrc');
    await writeFile(file, 'machine files.example.com login alice password s3cret\n');
    expect(await loadNetrc(command('--netrc-file', file))).toEqual(netrc);
  });

  it('refuses a missing or invalid file as a usage error naming the file, never its secrets', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdl-netrc-'));
    const missing = path.join(dir, 'absent');
    await expect(loadNetrc(command('--netrc-file', missing))).rejects.toThrow(UsageError);
    await expect(loadNetrc(command('--netrc-file', missing))).rejects.toThrow(/ENOENT/);
    const bad = path.join(dir, 'bad');
    await writeFile(bad, 'machine a login alice password s3cret oops-s3cret\n');
    const error = await loadNetrc(command('--netrc-file', bad)).catch((err: Error) => err);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/line 1/);
    expect((error as Error).message).not.toContain('s3cret');
  });
});
