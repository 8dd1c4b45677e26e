// Parses `pdl` arguments (pure). Accepts the seed project's `-url URL -threads N` form verbatim;
// the request options mean what aria2c's flags of the same name mean.
import type { ExpectedChecksum } from '../../src-shared/download-types';
import { parseChecksumArgument } from '../engine/integrity/checksum-text';
import { checkProxyUrl } from '../../src-shared/proxy-url';
import { parseHeaderLine } from '../../src-shared/header-lines';
import { SETTING_LIMITS } from '../../src-shared/setting-limits';

export interface DownloadCommand {
  kind: 'download';
  urls: string[];
  connections?: number;
  chunkSizeBytes?: number;
  directory?: string;
  fileName?: string;
  maxConcurrent?: number;
  checksums: ExpectedChecksum[];
  output: 'auto' | 'json' | 'quiet';
  restart: boolean;
  maxSpeedBps?: number;
  /** The largest file any of the downloads may be (the engine's `maxFileSizeBytes`). */
  maxSizeBytes?: number;
  /** `Name: value` lines from --header, in order; --referer and --user-agent are applied after them. */
  headerLines: string[];
  /** `*` means each download's own URL, as in aria2c. */
  referer?: string;
  userAgent?: string;
  maxDownloadLimitBps?: number;
  /** '' = no proxy at all, not even from the environment (aria2c's `--all-proxy=""`). */
  allProxy?: string;
  /** Basic credentials from a .netrc file: `file` as given, or ~/.netrc. */
  netrc?: { file?: string };
  /** aria2c's --timeout: seconds without a byte before an attempt fails. */
  timeoutSeconds?: number;
  /** aria2c's --connect-timeout: seconds to set up a connection. */
  connectTimeoutSeconds?: number;
  /** How long to keep trying a server that cannot be reached, in seconds (0 = only the retries). */
  waitForServerSeconds?: number;
}

export type CliCommand =
  DownloadCommand | { kind: 'serve'; argv: string[] } | { kind: 'help' } | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: pdl <url...> [options]
       pdl -url URL -threads N
       pdl serve [--port N] [-d DIR] [--state-dir DIR]

Downloads files over HTTP(S) in parallel byte ranges, verifies them, and resumes where it stopped
(run the same command again after Ctrl+C or a crash).

Options:
  -c, --connections N     connections per download (1-32, default 8)
  --chunk-size SIZE       chunk size, e.g. 4M or 256K (default: file size / connections)
  -d, --dir DIR           download folder (default: current folder)
  -o, --output NAME       file name (one URL only)
  --max-concurrent N      downloads at the same time (default 3)
  --checksum ALG=VALUE    expected md5|sha1|sha256|sha512|crc32c, hex or base64 (repeatable)
  --max-speed SIZE        total speed limit per second, e.g. 2M (default: unlimited)
  --max-download-limit SIZE  speed limit of each download, e.g. 500K (default: unlimited)
  --max-size SIZE         stop a download whose file is larger, e.g. 4G (default: no limit)
  --header "NAME: VALUE"  send this header on every request (repeatable)
  --referer URL           send this Referer; * sends each download's own URL
  --user-agent TEXT       send this User-Agent
  --all-proxy URL         proxy for every download: http://, https://, socks5://, socks5h://
                          (default: HTTPS_PROXY/HTTP_PROXY/ALL_PROXY, except NO_PROXY hosts;
                          --all-proxy "" uses none)
  --netrc                 log in with the credentials ~/.netrc has for each URL's host
  --netrc-file FILE       the same, from FILE
  --timeout SEC           fail an attempt after SEC seconds without a byte (1-600, default 30)
  --connect-timeout SEC   fail a connection not set up within SEC seconds (1-600, default 15)
  --wait-for-server TIME  keep trying a server that refuses or cannot be reached for TIME, e.g.
                          90s, 10m, 1h (default 5m; 0 = give up after the usual retries)
  --restart               start over instead of continuing an earlier unfinished run
  --json                  one JSON event per line
  -q, --quiet             print only errors
  -h, --help              this help
  --version               print the version

Exit codes: 0 all complete, 1 download failed, 2 usage error, 3 integrity mismatch, 130 interrupted.`;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
};

export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match ? SIZE_UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`not a size: ${text} (use e.g. 4M, 256K, 1048576)`);
  return Math.round(Number(match[1]) * unit);
}

function parseCount(name: string, text: string | undefined, min: number, max: number): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`${name} needs a whole number from ${min} to ${max}`);
  }
  return value;
}

const DURATION_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600 };

/** A duration such as 90, 90s, 10m or 1h, in whole seconds. */
export function parseDurationSeconds(name: string, text: string): number {
  const match = /^(\d+)\s*([smh]?)$/i.exec(text.trim());
  const limit = SETTING_LIMITS.waitForServerSeconds;
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2]!.toLowerCase()]! : NaN;
  if (!(seconds >= limit.min && seconds <= limit.max)) {
    throw new UsageError(`${name} needs a duration such as 90s, 10m or 1h, at most 24h (0 turns it off)`);
  }
  return seconds;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv[0] === 'serve') return { kind: 'serve', argv: argv.slice(1) };
  const command: DownloadCommand = {
    kind: 'download',
    urls: [],
    checksums: [],
    output: 'auto',
    restart: false,
    headerLines: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--version':
        return { kind: 'version' };
      case '-url':
      case '--url':
        command.urls.push(value());
        break;
      case '-c':
      case '--connections':
      case '-threads':
      case '--threads':
        command.connections = parseCount(arg, value(), 1, 32);
        break;
      case '--chunk-size':
        command.chunkSizeBytes = parseSize(value());
        break;
      case '-d':
      case '--dir':
        command.directory = value();
        break;
      case '-o':
      case '--output':
        command.fileName = value();
        break;
      case '--max-concurrent':
        command.maxConcurrent = parseCount(arg, value(), 1, 20);
        break;
      case '--checksum':
        try {
          command.checksums.push(parseChecksumArgument(value()));
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        break;
      case '--max-speed':
        command.maxSpeedBps = parseSize(value());
        break;
      case '--max-size':
        command.maxSizeBytes = parseSize(value());
        break;
      case '--max-download-limit':
        command.maxDownloadLimitBps = parseSize(value());
        break;
      case '--header': {
        const line = value();
        const parsed = parseHeaderLine(line);
        if (!parsed.ok) throw new UsageError(`--header: ${parsed.message}`);
        command.headerLines.push(line);
        break;
      }
      case '--referer':
        command.referer = value();
        break;
      case '--user-agent':
        command.userAgent = value();
        break;
      case '--all-proxy': {
        const text = value();
        const proxy = checkProxyUrl(text);
        if (text.trim() !== '' && !proxy.ok) throw new UsageError(`--all-proxy: ${proxy.message}`);
        command.allProxy = proxy.ok ? proxy.value : '';
        break;
      }
      case '--netrc':
        command.netrc = {};
        break;
      case '--netrc-file':
        command.netrc = { file: value() };
        break;
      case '--timeout': {
        const { min, max } = SETTING_LIMITS.timeoutSeconds;
        command.timeoutSeconds = parseCount(arg, value(), min, max);
        break;
      }
      case '--connect-timeout': {
        const { min, max } = SETTING_LIMITS.connectTimeoutSeconds;
        command.connectTimeoutSeconds = parseCount(arg, value(), min, max);
        break;
      }
      case '--wait-for-server':
        command.waitForServerSeconds = parseDurationSeconds(arg, value());
        break;
      case '--restart':
        command.restart = true;
        break;
      case '--json':
        command.output = 'json';
        break;
      case '-q':
      case '--quiet':
        command.output = 'quiet';
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        command.urls.push(arg);
    }
  }
  if (command.urls.length === 0) throw new UsageError('no URL given');
  if (command.fileName !== undefined && command.urls.length > 1) {
    throw new UsageError('-o/--output names one file: give one URL');
  }
  return command;
}
