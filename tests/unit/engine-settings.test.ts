import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineSettings } from '../../src-shared/download-types';
import { DownloadError } from '../../src-main/engine/errors';
import {
  MAX_CONNECTIONS_PER_DOWNLOAD,
  applySettingsPatch,
  connectionTimeouts,
  defaultSettings,
} from '../../src-main/engine/engine-settings';

function patch(value: Record<string, unknown>): Partial<EngineSettings> {
  return value as Partial<EngineSettings>;
}

function refusal(current: EngineSettings, value: Record<string, unknown>): DownloadError {
  try {
    applySettingsPatch(current, patch(value));
  } catch (err) {
    if (err instanceof DownloadError) return err;
    throw err;
  }
  throw new Error('expected the patch to be refused');
}

describe('defaultSettings', () => {
  it('downloads into ~/Downloads with automatic chunking, no speed limit and bounded retries', () => {
    const defaults = defaultSettings();
    expect(path.basename(defaults.directory)).toBe('Downloads');
    expect(path.isAbsolute(defaults.directory)).toBe(true);
    expect(defaults).toMatchObject({ chunkSizeBytes: 0, speedLimitBps: 0 });
    expect(defaults.connectionsPerDownload).toBeLessThanOrEqual(MAX_CONNECTIONS_PER_DOWNLOAD);
    expect(defaults.maxRetries).toBeGreaterThan(0);
  });

  it('waits 30 s for a byte, 15 s for a connection and 5 min for a server that is down', () => {
    expect(defaultSettings()).toMatchObject({
      timeoutSeconds: 30,
      connectTimeoutSeconds: 15,
      waitForServerSeconds: 300,
    });
  });

  it('passes its own validation', () => {
    const defaults = defaultSettings();
    expect(applySettingsPatch(defaults, defaults)).toEqual(defaults);
  });
});

describe('applySettingsPatch', () => {
  it('changes only the fields in the patch and leaves the current settings untouched', () => {
    const current = defaultSettings();
    const before = { ...current };
    const next = applySettingsPatch(current, { connectionsPerDownload: 16, speedLimitBps: 2_000_000 });
    expect(next).toEqual({ ...before, connectionsPerDownload: 16, speedLimitBps: 2_000_000 });
    expect(current).toEqual(before);
  });

  it('stores the download folder as an absolute path', () => {
    const next = applySettingsPatch(defaultSettings(), { directory: 'relative/dir' });
    expect(next.directory).toBe(path.resolve('relative/dir'));
  });

  it('accepts 0 as automatic chunk size and bounds otherwise', () => {
    const current = defaultSettings();
    expect(applySettingsPatch(current, { chunkSizeBytes: 0 }).chunkSizeBytes).toBe(0);
    expect(applySettingsPatch(current, { chunkSizeBytes: 64 * 1024 }).chunkSizeBytes).toBe(64 * 1024);
    expect(applySettingsPatch(current, { maxRetries: 0 }).maxRetries).toBe(0);
    expect(applySettingsPatch(current, { connectionsPerDownload: 32 }).connectionsPerDownload).toBe(32);
  });

  it.each([
    ['directory', ''],
    ['directory', 7],
    ['directory', '/tmp/\0'],
    ['maxConcurrentDownloads', 0],
    ['maxConcurrentDownloads', 21],
    ['connectionsPerDownload', 33],
    ['connectionsPerDownload', 1.5],
    ['chunkSizeBytes', 1024],
    ['minSplitBytes', 1000],
    ['maxConnectionsTotal', 257],
    ['maxRetries', -1],
    ['maxRetries', 101],
    ['speedLimitBps', -5],
    ['speedLimitBps', '100'],
    ['maxRetries', Number.NaN],
  ])('refuses %s = %j with INVALID_INPUT naming the setting', (key, value) => {
    const error = refusal(defaultSettings(), { [key]: value });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toContain(key);
  });

  it('refuses unknown settings', () => {
    expect(refusal(defaultSettings(), { theme: 'dark' }).message).toContain('theme');
  });

  it('applies nothing when any field of the patch is refused', () => {
    const current = defaultSettings();
    const before = { ...current };
    refusal(current, { maxRetries: 3, connectionsPerDownload: 99 });
    expect(current).toEqual(before);
  });
});

describe('connectionTimeouts', () => {
  it('bounds the wait for the response head and for each body byte by the one stall timeout', () => {
    const settings = { ...defaultSettings(), timeoutSeconds: 7, connectTimeoutSeconds: 3 };
    expect(connectionTimeouts(settings)).toEqual({ connectMs: 3_000, headersMs: 7_000, idleMs: 7_000 });
  });

  it('lets a finer engine option win over its setting', () => {
    expect(connectionTimeouts(defaultSettings(), { connectMs: 300 })).toEqual({
      connectMs: 300,
      headersMs: 30_000,
      idleMs: 30_000,
    });
  });

  it('refuses a timeout of 0 and one over ten minutes', () => {
    expect(refusal(defaultSettings(), { timeoutSeconds: 0 }).message).toBe(
      'timeoutSeconds: Timeout without data must be a whole number from 1 s to 600 s.',
    );
    expect(refusal(defaultSettings(), { connectTimeoutSeconds: 601 }).code).toBe('INVALID_INPUT');
  });
});
