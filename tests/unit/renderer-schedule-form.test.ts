// The schedule's two time fields in the settings dialog: the same definition of a time of day as the
// IPC guard, empty for none, and the guard's refusal shown at the field in the field's words.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-main/engine/engine-settings';
import type { AppSettings } from '../../src-shared/ipc-contract';
import { validateSettingsPatch } from '../../src-shared/ipc-guards';
import {
  checkSettingsField,
  readSettingsForm,
  refusedField,
  toSettingsForm,
} from '../../src-renderer/lib/settings-form';

const settings: AppSettings = {
  ...defaultSettings(),
  directory: '/home/u/Downloads',
  theme: 'system',
  queueStartAt: '22:30',
};

describe('the schedule fields of the settings form', () => {
  it('shows the saved times, an absent one as empty, and saves both', () => {
    const form = toSettingsForm(settings);
    expect(form).toMatchObject({ queueStartAt: '22:30', queueStopAt: '' });
    const read = readSettingsForm({ ...form, queueStopAt: '06:00' });
    expect(read).toMatchObject({ ok: true, patch: { queueStartAt: '22:30', queueStopAt: '06:00' } });
  });

  it('clears a time by saving it empty, which the guard accepts as "none"', () => {
    const read = readSettingsForm({ ...toSettingsForm(settings), queueStartAt: '' });
    expect(read).toMatchObject({ ok: true, patch: { queueStartAt: '' } });
    if (!read.ok) return;
    expect(validateSettingsPatch({ queueStartAt: read.patch.queueStartAt })).toMatchObject({ ok: true });
  });

  it('refuses what the guard refuses, naming the field and saying what it takes', () => {
    const form = toSettingsForm(settings);
    for (const bad of ['24:00', '7:30', '12:60', 'noon']) {
      expect(validateSettingsPatch({ queueStopAt: bad })).toMatchObject({ ok: false });
      expect(readSettingsForm({ ...form, queueStopAt: bad })).toEqual({
        ok: false,
        field: 'queueStopAt',
        message: 'Stop the queue at a time as HH:MM (24-hour), or empty for none.',
      });
    }
    expect(checkSettingsField('queueStartAt', { ...form, queueStartAt: '23:59' })).toBeNull();
  });

  it('shows a refusal of the guard at the field it is about', () => {
    const refused = validateSettingsPatch({ queueStartAt: '25:00' });
    if (refused.ok) throw new Error('the guard accepted 25:00');
    expect(refusedField(refused.error.message)).toEqual({
      field: 'queueStartAt',
      message: 'Start the queue at a time as HH:MM (24-hour), or empty for none.',
    });
  });
});
