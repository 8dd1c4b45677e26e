// Checks a new download's options before anything is queued: the engine trusts no caller.
import type { AddDownloadOptions, DigestAlgorithm, ExpectedChecksum } from '../../src-shared/download-types';
import { DownloadError } from './errors';
import { MAX_CONNECTIONS_PER_DOWNLOAD, MIN_CHUNK_BYTES } from './engine-settings';
import { decodeDigestValue } from './integrity/checksum-text';
import { checkRequestHeaders } from '../../src-shared/request-headers';
import { checkProxyUrl } from '../../src-shared/proxy-url';
import { checkSetting } from '../../src-shared/setting-limits';

const ALGORITHMS: readonly DigestAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512', 'crc32c'];

function invalid(message: string): DownloadError {
  return new DownloadError('INVALID_INPUT', message);
}

export function validateUrl(text: unknown): string {
  if (typeof text !== 'string' || text.length > 8192)
    throw new DownloadError('INVALID_URL', 'the URL is not text');
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new DownloadError('INVALID_URL', `not a valid URL: ${text.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DownloadError('INVALID_URL', `only http and https URLs can be downloaded, not ${url.protocol}`);
  }
  return url.href;
}

export function validateChecksums(value: unknown): ExpectedChecksum[] {
  if (!Array.isArray(value) || value.length > 10) throw invalid('checksums must be a list of at most 10');
  return value.map((item: Partial<ExpectedChecksum>) => {
    const algorithm = item?.algorithm;
    if (!algorithm || !ALGORITHMS.includes(algorithm))
      throw invalid(`unknown checksum algorithm ${String(algorithm)}`);
    const hex = typeof item.hex === 'string' ? decodeDigestValue(algorithm, item.hex) : undefined;
    if (!hex) throw invalid(`the expected ${algorithm} value is not valid hex or base64`);
    return { algorithm, hex };
  });
}

export function validateAddOptions(options: AddDownloadOptions): AddDownloadOptions {
  const valid: AddDownloadOptions = { url: validateUrl(options.url) };
  if (options.directory !== undefined) {
    if (
      typeof options.directory !== 'string' ||
      options.directory.length === 0 ||
      options.directory.includes('\0')
    ) {
      throw invalid('directory must be a folder path');
    }
    valid.directory = options.directory;
  }
  if (options.fileName !== undefined) {
    if (typeof options.fileName !== 'string' || options.fileName.length > 1024)
      throw invalid('fileName must be text');
    if (options.fileName.trim() !== '') valid.fileName = options.fileName;
  }
  if (options.connections !== undefined) {
    const n = options.connections;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONNECTIONS_PER_DOWNLOAD) {
      throw invalid(`connections must be from 1 to ${MAX_CONNECTIONS_PER_DOWNLOAD}`);
    }
    valid.connections = n;
  }
  if (options.chunkSizeBytes !== undefined) {
    const n = options.chunkSizeBytes;
    if (!Number.isSafeInteger(n) || n < 0 || (n > 0 && n < MIN_CHUNK_BYTES)) {
      throw invalid('chunk size must be 0 (automatic) or at least 64 KiB');
    }
    valid.chunkSizeBytes = n;
  }
  if (options.proxy !== undefined) {
    const proxy = typeof options.proxy === 'string' ? checkProxyUrl(options.proxy) : undefined;
    if (!proxy?.ok) throw invalid(`proxy: ${proxy?.message ?? 'must be text'}`);
    valid.proxy = proxy.value;
  }
  if (options.checksums !== undefined) valid.checksums = validateChecksums(options.checksums);
  if (options.restart !== undefined) {
    if (typeof options.restart !== 'boolean') throw invalid('restart must be true or false');
    valid.restart = options.restart;
  }
  if (options.allowDuplicate !== undefined) {
    if (typeof options.allowDuplicate !== 'boolean') throw invalid('allowDuplicate must be true or false');
    valid.allowDuplicate = options.allowDuplicate;
  }
  if (options.headers !== undefined) {
    const headers = checkRequestHeaders(options.headers);
    if (!headers.ok) throw invalid(headers.message);
    if (Object.keys(headers.value).length > 0) valid.headers = headers.value;
  }
  if (options.maxBytesPerSecond !== undefined) {
    const n = options.maxBytesPerSecond;
    if (!Number.isSafeInteger(n) || n < 0)
      throw invalid('maxBytesPerSecond must be 0 or a whole number of bytes');
    if (n > 0) valid.maxBytesPerSecond = n;
  }
  if (options.maxFileSizeBytes !== undefined) {
    const problem = checkSetting('maxFileSizeBytes', options.maxFileSizeBytes);
    if (problem !== null) throw invalid(`maxFileSizeBytes: ${problem}`);
    valid.maxFileSizeBytes = options.maxFileSizeBytes;
  }
  return valid;
}
