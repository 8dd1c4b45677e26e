import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../src-shared/ipc-contract';
import { EMPTY_ADD_FORM, readAddForm } from '../../src-renderer/lib/add-form';
import { parseChecksum } from '../../src-renderer/lib/parse-checksum';
import { readSettingsForm, toSettingsForm } from '../../src-renderer/lib/settings-form';

const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('expected checksum input', () => {
  it('reads algorithm=hex in any case, and algorithm:hex', () => {
    expect(parseChecksum(`SHA256=${SHA256.toUpperCase()}`)).toEqual({
      ok: true,
      value: { algorithm: 'sha256', hex: SHA256 },
    });
    expect(parseChecksum('md5:d41d8cd98f00b204e9800998ecf8427e')).toMatchObject({
      ok: true,
      value: { algorithm: 'md5' },
    });
    expect(parseChecksum('sha-1=da39a3ee5e6b4b0d3255bfef95601890afd80709')).toMatchObject({ ok: true });
  });

  it('treats an empty field as no checksum', () => {
    expect(parseChecksum('  ')).toEqual({ ok: true, value: null });
  });

  it('explains what is wrong with a malformed checksum', () => {
    expect(parseChecksum('sha256=abc')).toEqual({
      ok: false,
      message: expect.stringContaining('64 hex digits'),
    });
    expect(parseChecksum(`whirlpool=${SHA256}`)).toEqual({
      ok: false,
      message: expect.stringContaining('Unknown'),
    });
    expect(parseChecksum(SHA256)).toEqual({ ok: false, message: expect.stringContaining('algorithm=hex') });
  });
});

describe('add options', () => {
  it('turns the filled fields into add options and leaves empty ones out', () => {
    const result = readAddForm({
      ...EMPTY_ADD_FORM,
      directory: ' /data ',
      fileName: 'a.iso',
      connections: '8',
      checksum: `sha256=${SHA256}`,
    });
    expect(result).toEqual({
      ok: true,
      options: {
        directory: '/data',
        fileName: 'a.iso',
        connections: 8,
        checksum: { algorithm: 'sha256', hex: SHA256 },
      },
    });
    expect(readAddForm(EMPTY_ADD_FORM)).toEqual({ ok: true, options: {} });
  });

  it('refuses a file name with a path and an out-of-range connection count', () => {
    expect(readAddForm({ ...EMPTY_ADD_FORM, fileName: '../x' })).toMatchObject({
      ok: false,
      field: 'fileName',
    });
    expect(readAddForm({ ...EMPTY_ADD_FORM, connections: '0' })).toMatchObject({
      ok: false,
      field: 'connections',
    });
    expect(readAddForm({ ...EMPTY_ADD_FORM, connections: '2.5' })).toMatchObject({
      ok: false,
      field: 'connections',
    });
  });
});

describe('settings form', () => {
  const settings: AppSettings = {
    directory: '/home/u/Downloads',
    maxConcurrentDownloads: 3,
    connectionsPerDownload: 8,
    chunkSizeBytes: 4 * 1024 * 1024,
    minSplitBytes: 1024 * 1024,
    maxConnectionsTotal: 32,
    maxRetries: 5,
    speedLimitBps: 512 * 1024,
    maxFileSizeBytes: 2048 * 1024 * 1024,
    proxy: '',
    noProxy: '',
    timeoutSeconds: 30,
    connectTimeoutSeconds: 15,
    waitForServerSeconds: 300,
    theme: 'dark',
  };

  it('round-trips the settings through the units the dialog shows', () => {
    const form = toSettingsForm(settings);
    expect(form.chunkSizeMiB).toBe('4');
    expect(form.speedLimitKiBps).toBe('512');
    expect(form.maxFileSizeMiB).toBe('2048');
    expect(readSettingsForm(form)).toEqual({
      ok: true,
      patch: {
        directory: settings.directory,
        maxConcurrentDownloads: 3,
        connectionsPerDownload: 8,
        chunkSizeBytes: settings.chunkSizeBytes,
        maxRetries: 5,
        speedLimitBps: settings.speedLimitBps,
        maxFileSizeBytes: settings.maxFileSizeBytes,
        timeoutSeconds: 30,
        connectTimeoutSeconds: 15,
        waitForServerSeconds: 300,
        proxy: '',
        noProxy: '',
        theme: 'dark',
        queueStartAt: '',
        queueStopAt: '',
      },
    });
  });

  it('names the field that is out of range', () => {
    const form = toSettingsForm(settings);
    expect(readSettingsForm({ ...form, maxConcurrentDownloads: '0' })).toMatchObject({
      ok: false,
      field: 'maxConcurrentDownloads',
    });
    expect(readSettingsForm({ ...form, directory: ' ' })).toMatchObject({ ok: false, field: 'directory' });
    expect(readSettingsForm({ ...form, chunkSizeMiB: '-1' })).toMatchObject({
      ok: false,
      field: 'chunkSizeMiB',
    });
  });

  it('refuses timeouts outside their limits with a sentence in seconds', () => {
    const form = toSettingsForm(settings);
    expect(form.timeoutSeconds).toBe('30');
    expect(readSettingsForm({ ...form, timeoutSeconds: '0' })).toEqual({
      ok: false,
      field: 'timeoutSeconds',
      message: 'Timeout without data must be a whole number from 1 s to 600 s.',
    });
    expect(readSettingsForm({ ...form, connectTimeoutSeconds: '1.5' })).toMatchObject({
      ok: false,
      field: 'connectTimeoutSeconds',
    });
    expect(readSettingsForm({ ...form, waitForServerSeconds: '0' })).toMatchObject({ ok: true });
    expect(readSettingsForm({ ...form, waitForServerSeconds: '86401' })).toEqual({
      ok: false,
      field: 'waitForServerSeconds',
      message: 'Wait for an unreachable server must be a whole number from 0 s to 86,400 s.',
    });
  });
});
