// `pdl serve` command-line options. Pure: the environment and home folder are passed in.
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_RPC_PORT } from '../rpc/rpc-server';
import { LOOPBACK_HOSTS, type LoopbackHost } from './serve-server';

export interface ServeOptions {
  port: number;
  host: LoopbackHost;
  /** Download folder for this run; undefined keeps the saved setting (or the engine default). */
  directory?: string;
  stateDir: string;
  open: boolean;
  /** The aria2-compatible JSON-RPC endpoint; a secret given here is used instead of the persisted one. */
  rpc: { enabled: boolean; port: number; secret?: string };
}

export type ParsedServeArgs =
  { kind: 'run'; options: ServeOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const SERVE_USAGE = `Usage: pdl serve [options]

Serves the Parallel Downloader UI on this computer only (127.0.0.1) and prints its URL.

Options:
  --port <n>         port to listen on (default: 0, any free port)
  --host <host>      loopback address: 127.0.0.1 (default), localhost or ::1
  -d, --dir <path>   download folder
  --state-dir <path> where settings and the queue are kept
                     (default: $XDG_DATA_HOME/parallel-downloader or ~/.local/share/parallel-downloader)
  --no-open          do not open a browser
  --rpc-listen-port <n>  port of the aria2-compatible JSON-RPC endpoint on 127.0.0.1 (default 6800)
  --rpc-secret <s>   its secret for this run (default: a random one, created once and kept)
  --no-rpc           run without the RPC endpoint
  -h, --help         show this help`;

export function defaultStateDir(env: NodeJS.ProcessEnv, home: string): string {
  const dataHome =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(dataHome, 'parallel-downloader');
}

function isLoopbackHost(value: string): value is LoopbackHost {
  return (LOOPBACK_HOSTS as readonly string[]).includes(value);
}

export function parseServeArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  home: string,
  cwd: string,
): ParsedServeArgs {
  const options: ServeOptions = {
    port: 0,
    host: '127.0.0.1',
    stateDir: defaultStateDir(env, home),
    open: true,
    rpc: { enabled: true, port: DEFAULT_RPC_PORT },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (name) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '--no-open':
        options.open = false;
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!text || !/^\d+$/.test(text) || port > 65535)
          return { kind: 'error', message: `--port needs a number 0..65535, got ${text ?? 'nothing'}` };
        options.port = port;
        break;
      }
      case '--rpc-listen-port': {
        const text = value();
        if (!text || !/^\d+$/.test(text) || Number(text) > 65535)
          return {
            kind: 'error',
            message: `--rpc-listen-port needs a number 0..65535, got ${text ?? 'nothing'}`,
          };
        options.rpc.port = Number(text);
        break;
      }
      case '--rpc-secret': {
        const secret = value();
        if (!secret || !/^[\x21-\x7e]{1,128}$/.test(secret))
          return { kind: 'error', message: '--rpc-secret needs 1 to 128 visible characters without spaces' };
        options.rpc.secret = secret;
        break;
      }
      case '--no-rpc':
        options.rpc.enabled = false;
        break;
      case '--host': {
        const host = value();
        if (!host || !isLoopbackHost(host)) {
          return {
            kind: 'error',
            message: `--host must be a loopback address (${LOOPBACK_HOSTS.join(', ')}); pdl serve is not meant to be reachable from other computers`,
          };
        }
        options.host = host;
        break;
      }
      case '-d':
      case '--dir': {
        const dir = value();
        if (!dir) return { kind: 'error', message: `${name} needs a folder` };
        options.directory = resolve(cwd, dir);
        break;
      }
      case '--state-dir': {
        const dir = value();
        if (!dir) return { kind: 'error', message: '--state-dir needs a folder' };
        options.stateDir = resolve(cwd, dir);
        break;
      }
      default:
        return { kind: 'error', message: `Unknown option: ${arg}` };
    }
  }
  return { kind: 'run', options };
}
