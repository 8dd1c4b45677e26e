// Turns the CLI's request flags into engine settings and per-download options: headers (with
// --referer, --user-agent and .netrc credentials folded in), the per-download limit and the proxy.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddDownloadOptions, EngineSettings } from '../../src-shared/download-types';
import { parseHeaderLines } from '../../src-shared/header-lines';
import { basicAuthorization, findNetrcEntry, parseNetrc, type NetrcEntry } from '../host/netrc';
import { UsageError, type DownloadCommand } from './cli-args';

/** The engine settings `--all-proxy` stands for: one proxy for every download, or none at all. */
export function proxySettingsOf(command: DownloadCommand): Partial<EngineSettings> {
  if (command.allProxy === undefined) return {};
  // aria2c's `--all-proxy=""`: no proxy, and the *_PROXY variables ignored too.
  if (command.allProxy === '') return { proxy: '', noProxy: '*' };
  return { proxy: command.allProxy, noProxy: '' };
}

/** The engine settings of --timeout, --connect-timeout and --wait-for-server, where given. */
export function timeSettingsOf(command: DownloadCommand): Partial<EngineSettings> {
  const settings: Partial<EngineSettings> = {};
  if (command.timeoutSeconds !== undefined) settings.timeoutSeconds = command.timeoutSeconds;
  if (command.connectTimeoutSeconds !== undefined) {
    settings.connectTimeoutSeconds = command.connectTimeoutSeconds;
  }
  if (command.waitForServerSeconds !== undefined)
    settings.waitForServerSeconds = command.waitForServerSeconds;
  return settings;
}

/** Reads the .netrc file named by `--netrc`/`--netrc-file`; a missing or invalid one is a usage error. */
export async function loadNetrc(command: DownloadCommand): Promise<NetrcEntry[]> {
  if (!command.netrc) return [];
  const file = path.resolve(command.netrc.file ?? path.join(os.homedir(), '.netrc'));
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read the .netrc file ${file}: ${(err as NodeJS.ErrnoException).code ?? err}`,
    );
  }
  try {
    return parseNetrc(text);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
}

function withHeader(headers: Record<string, string>, name: string, value: string): Record<string, string> {
  const rest = Object.entries(headers).filter(([other]) => other.toLowerCase() !== name.toLowerCase());
  return { ...Object.fromEntries(rest), [name]: value };
}

/**
 * The request options of one download. Credentials in the URL win over .netrc, and an explicit
 * `Authorization` header wins over both; .netrc credentials go only to the host they are listed for
 * (the engine drops `Authorization` after a redirect to another origin).
 */
export function requestOptionsFor(
  command: DownloadCommand,
  url: string,
  netrc: readonly NetrcEntry[],
): Pick<AddDownloadOptions, 'headers' | 'maxBytesPerSecond'> {
  const parsed = parseHeaderLines(command.headerLines);
  if (!parsed.ok) throw new UsageError(`--header: ${parsed.message}`);
  let headers = parsed.value;
  if (command.referer !== undefined) {
    headers = withHeader(headers, 'Referer', command.referer === '*' ? url : command.referer);
  }
  if (command.userAgent !== undefined) headers = withHeader(headers, 'User-Agent', command.userAgent);
  const target = new URL(url);
  const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  if (!hasAuthorization && target.username === '' && target.password === '') {
    const authorization = basicAuthorization(findNetrcEntry(netrc, target.hostname));
    if (authorization) headers = withHeader(headers, 'Authorization', authorization);
  }
  return {
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(command.maxDownloadLimitBps ? { maxBytesPerSecond: command.maxDownloadLimitBps } : {}),
  };
}
