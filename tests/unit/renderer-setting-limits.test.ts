import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings } from '../../src-main/engine/engine-settings';
import { validateRequest, validateSettingsPatch } from '../../src-shared/ipc-guards';
import type { AppSettings } from '../../src-shared/ipc-contract';
import { checkSetting, describeSettingLimit, SETTING_LIMITS } from '../../src-shared/setting-limits';
import type { NumericSetting } from '../../src-shared/setting-limits';
import { readSettingsForm, refusedField, toSettingsForm } from '../../src-renderer/lib/settings-form';

const MIB = 1024 * 1024;

const saved: AppSettings = { ...defaultSettings(), directory: '/home/u/Downloads', theme: 'system' };

function formAccepts(change: Partial<ReturnType<typeof toSettingsForm>>): boolean {
  return readSettingsForm({ ...toSettingsForm(saved), ...change }).ok;
}

function guardAccepts(patch: Partial<AppSettings>): boolean {
  return validateSettingsPatch(patch).ok;
}

function engineAccepts(patch: Partial<AppSettings>): boolean {
  try {
    applySettingsPatch(defaultSettings(), patch);
    return true;
  } catch {
    return false;
  }
}

describe('setting limits shared by the form, the IPC guard and the engine', () => {
  it('refuses a 0.01 MiB chunk size in all three, with the same sentence in the form', () => {
    const bytes = Math.round(0.01 * MIB);
    expect(formAccepts({ chunkSizeMiB: '0.01' })).toBe(false);
    expect(guardAccepts({ chunkSizeBytes: bytes })).toBe(false);
    expect(engineAccepts({ chunkSizeBytes: bytes })).toBe(false);
    const read = readSettingsForm({ ...toSettingsForm(saved), chunkSizeMiB: '0.01' });
    expect(read).toEqual({
      ok: false,
      field: 'chunkSizeMiB',
      message: 'Chunk size must be 0 (automatic) or from 0.0625 MiB to 4,096 MiB.',
    });
  });

  it('accepts the smallest chunk size and 0 (automatic) in all three', () => {
    expect(formAccepts({ chunkSizeMiB: '0.0625' })).toBe(true);
    expect(guardAccepts({ chunkSizeBytes: 64 * 1024 })).toBe(true);
    expect(engineAccepts({ chunkSizeBytes: 64 * 1024 })).toBe(true);
    expect(formAccepts({ chunkSizeMiB: '0' })).toBe(true);
    expect(guardAccepts({ chunkSizeBytes: 0 })).toBe(true);
    expect(engineAccepts({ chunkSizeBytes: 0 })).toBe(true);
  });

  it.each(Object.keys(SETTING_LIMITS) as NumericSetting[])(
    'agrees at the edges of %s: min and max pass, one step outside fails, in the guard and the engine',
    (key) => {
      const { min, max, step, zeroMeans } = SETTING_LIMITS[key];
      for (const value of [min, max]) {
        expect(guardAccepts({ [key]: value })).toBe(true);
        expect(engineAccepts({ [key]: value })).toBe(true);
      }
      const outside = [max + step, 1.5, Number.NaN, String(min)];
      if (min - step !== 0 || zeroMeans === undefined) outside.push(min - step);
      for (const value of outside) {
        expect(checkSetting(key, value)).toBe(describeSettingLimit(key));
        expect(guardAccepts({ [key]: value } as Partial<AppSettings>)).toBe(false);
        expect(engineAccepts({ [key]: value } as Partial<AppSettings>)).toBe(false);
      }
    },
  );

  it('refuses the same values in the form as in the guard, in the units the form shows', () => {
    const cases: [Partial<ReturnType<typeof toSettingsForm>>, Partial<AppSettings>][] = [
      [{ maxConcurrentDownloads: '21' }, { maxConcurrentDownloads: 21 }],
      [{ connectionsPerDownload: '33' }, { connectionsPerDownload: 33 }],
      [{ connectionsPerDownload: '2.5' }, { connectionsPerDownload: 2.5 }],
      [{ maxRetries: '-1' }, { maxRetries: -1 }],
      [{ speedLimitKiBps: '0.5' }, { speedLimitBps: 512 }],
    ];
    for (const [form, patch] of cases) {
      expect(formAccepts(form)).toBe(false);
      expect(guardAccepts(patch)).toBe(false);
      expect(engineAccepts(patch)).toBe(false);
    }
    expect(formAccepts({ speedLimitKiBps: '0' })).toBe(true);
  });

  it('tells the user the allowed range in words', () => {
    expect(describeSettingLimit('connectionsPerDownload')).toBe(
      'Connections per download must be a whole number from 1 to 32.',
    );
    expect(describeSettingLimit('speedLimitBps')).toBe(
      'Speed limit must be 0 (unlimited) or from 1 KiB/s to 10,485,760 KiB/s.',
    );
  });

  it('holds the per-download connections and chunk size of an added link to the same limits', () => {
    const add = (item: Record<string, unknown>) =>
      validateRequest('downloads:add', { items: [{ url: 'http://h/x', ...item }] }).ok;
    expect(add({ connections: 32, chunkSizeBytes: 64 * 1024 })).toBe(true);
    expect(add({ connections: 33 })).toBe(false);
    expect(add({ chunkSizeBytes: Math.round(0.01 * MIB) })).toBe(false);
  });

  it('puts a refusal by the guard or the engine next to the field it is about', () => {
    const refused = validateSettingsPatch({ chunkSizeBytes: 1000 });
    if (refused.ok) throw new Error('expected a refusal');
    expect(refusedField(refused.error.message)).toEqual({
      field: 'chunkSizeMiB',
      message: describeSettingLimit('chunkSizeBytes'),
    });
    expect(refusedField('directory must be an absolute path')?.field).toBe('directory');
    expect(refusedField('something else')).toBeNull();
  });
});
