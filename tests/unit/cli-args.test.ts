import { describe, expect, it } from 'vitest';
import { parseCliArgs, parseSize, UsageError, type DownloadCommand } from '../../src-main/cli/cli-args';

const URL = 'http://127.0.0.1:8080/a.bin';
const SHA256_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function download(argv: string[]): DownloadCommand {
  const command = parseCliArgs(argv);
  if (command.kind !== 'download') throw new Error(`expected a download, got ${command.kind}`);
  return command;
}

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`);
}

describe('parseCliArgs', () => {
  it("accepts the seed project's `-url URL -threads N` form verbatim", () => {
    expect(download(['-url', URL, '-threads', '8'])).toEqual({
      kind: 'download',
      urls: [URL],
      connections: 8,
      checksums: [],
      output: 'auto',
      restart: false,
      headerLines: [],
    });
  });

  it('downloads every positional URL, in order', () => {
    expect(download([URL, 'http://127.0.0.1/b', '--url', 'http://127.0.0.1/c']).urls).toEqual([
      URL,
      'http://127.0.0.1/b',
      'http://127.0.0.1/c',
    ]);
  });

  it('reads every option', () => {
    const command = download([
      URL,
      '-c',
      '4',
      '--chunk-size',
      '4M',
      '-d',
      '/tmp/out',
      '-o',
      'name.bin',
      '--max-concurrent',
      '2',
      '--checksum',
      `sha256=${SHA256_EMPTY}`,
      '--max-speed',
      '256K',
      '--restart',
      '--json',
    ]);
    expect(command).toEqual({
      kind: 'download',
      urls: [URL],
      connections: 4,
      chunkSizeBytes: 4 * 1024 * 1024,
      directory: '/tmp/out',
      fileName: 'name.bin',
      maxConcurrent: 2,
      checksums: [{ algorithm: 'sha256', hex: SHA256_EMPTY }],
      maxSpeedBps: 256 * 1024,
      restart: true,
      output: 'json',
      headerLines: [],
    });
  });

  it("reads the request options with aria2c's meaning", () => {
    const command = download([
      URL,
      '--header',
      'Cookie: session=abc',
      '--header',
      'X-Token:  t1 ',
      '--referer',
      '*',
      '--user-agent',
      'Mozilla/5.0 (X11)',
      '--max-download-limit',
      '500K',
      '--max-size',
      '1.5G',
      '--all-proxy',
      'socks5h://127.0.0.1:1080',
      '--netrc-file',
      'creds/netrc',
    ]);
    expect(command).toMatchObject({
      headerLines: ['Cookie: session=abc', 'X-Token:  t1 '],
      referer: '*',
      userAgent: 'Mozilla/5.0 (X11)',
      maxDownloadLimitBps: 500 * 1024,
      maxSizeBytes: 1.5 * 1024 ** 3,
      allProxy: 'socks5h://127.0.0.1:1080',
      netrc: { file: 'creds/netrc' },
    });
    expect(download([URL, '--netrc']).netrc).toEqual({});
  });

  it('reads --all-proxy "" as no proxy at all, and an address without a scheme as HTTP', () => {
    expect(download([URL, '--all-proxy', '']).allProxy).toBe('');
    expect(download([URL, '--all-proxy', 'proxy.lan:3128']).allProxy).toBe('http://proxy.lan:3128');
  });

  it('lets the last of --json and --quiet win, and keeps repeated checksums', () => {
    expect(download([URL, '--json', '-q']).output).toBe('quiet');
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(
      download([URL, '--checksum', `md5=${md5}`, '--checksum', `sha256=${SHA256_EMPTY}`]).checksums,
    ).toEqual([
      { algorithm: 'md5', hex: md5 },
      { algorithm: 'sha256', hex: SHA256_EMPTY },
    ]);
  });

  it('reads --timeout and --connect-timeout in seconds as aria2c does, and --wait-for-server as a duration', () => {
    expect(
      download([URL, '--timeout', '5', '--connect-timeout', '2', '--wait-for-server', '10m']),
    ).toMatchObject({ timeoutSeconds: 5, connectTimeoutSeconds: 2, waitForServerSeconds: 600 });
    expect(download([URL, '--wait-for-server', '90']).waitForServerSeconds).toBe(90);
    expect(download([URL, '--wait-for-server', '45s']).waitForServerSeconds).toBe(45);
    expect(download([URL, '--wait-for-server', '1h']).waitForServerSeconds).toBe(3600);
    expect(download([URL, '--wait-for-server', '0']).waitForServerSeconds).toBe(0);
  });

  it('answers help and version without needing a URL or checking later arguments', () => {
    expect(parseCliArgs(['-h', '--bogus-later'])).toEqual({ kind: 'help' });
    expect(parseCliArgs([URL, '--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
  });

  it('hands everything after `serve` to the server', () => {
    expect(parseCliArgs(['serve', '--port', '0', '-d', '/tmp'])).toEqual({
      kind: 'serve',
      argv: ['--port', '0', '-d', '/tmp'],
    });
  });

  it.each([
    [[], /no URL/],
    [['-c', '4'], /no URL/],
    [[URL, '-c'], /-c needs a value/],
    [[URL, '-threads', '0'], /from 1 to 32/],
    [[URL, '--connections', '33'], /from 1 to 32/],
    [[URL, '-c', '4.5'], /whole number/],
    [[URL, '-c', 'many'], /whole number/],
    [[URL, '--max-concurrent', '21'], /from 1 to 20/],
    [[URL, '--chunk-size', '4MB'], /not a size/],
    [[URL, '--max-speed', 'fast'], /not a size/],
    [[URL, '--checksum', 'sha256=xyz'], /sha256/],
    [[URL, '--checksum', 'whirlpool=00'], /whirlpool/],
    [[URL, '--frobnicate'], /unknown option --frobnicate/],
    [[URL, '--header', 'NoColon'], /--header: "NoColon" is not a header/],
    [[URL, '--header', 'Range: bytes=0-1'], /sets Range itself/],
    [[URL, '--header', 'Bad Name: x'], /not a valid header name/],
    [[URL, '--max-download-limit', 'slow'], /not a size/],
    [[URL, '--max-size', 'huge'], /not a size/],
    [[URL, '--all-proxy', 'socks4://p:1080'], /--all-proxy: a proxy must be/],
    [[URL, '--netrc-file'], /--netrc-file needs a value/],
    [[URL, '--connections=4'], /unknown option/],
    [[URL, '--timeout', '0'], /--timeout needs a whole number from 1 to 600/],
    [[URL, '--connect-timeout', '1.5'], /--connect-timeout needs a whole number from 1 to 600/],
    [[URL, '--wait-for-server', '25h'], /--wait-for-server needs a duration such as 90s, 10m or 1h/],
    [[URL, '--wait-for-server', 'soon'], /--wait-for-server needs a duration/],
    [[URL, 'http://127.0.0.1/b', '-o', 'x.bin'], /one URL/],
  ])('refuses %j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['4M', 4 * 1024 ** 2],
    ['4m', 4 * 1024 ** 2],
    ['256K', 256 * 1024],
    ['256KiB', 256 * 1024],
    ['1.5M', 1.5 * 1024 ** 2],
    ['2 G', 2 * 1024 ** 3],
    ['2GiB', 2 * 1024 ** 3],
    ['100b', 100],
    [' 8k ', 8192],
    ['0', 0],
  ])('reads %j as %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'M', '-1M', '4MB', '4T', '1e6', '0x10', '4 M B'])('refuses %j', (text) => {
    expect(() => parseSize(text)).toThrow(UsageError);
  });
});
