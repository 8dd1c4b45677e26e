// The app's settings (the engine's plus the UI theme), persisted as one JSON file. The engine owns
// and validates its own part; this store adds the theme, saves on change and tells listeners.
import { copyFile, readFile } from 'node:fs/promises';
import type { EngineSettings } from '../../src-shared/download-types';
import type { AppSettings, Theme } from '../../src-shared/ipc-contract';
import { validateSettingsPatch } from '../../src-shared/ipc-guards';
import type { DownloadEngineApi } from '../engine/engine-api';
import { writeFileAtomic } from '../engine/storage/atomic-file';

export const DEFAULT_THEME: Theme = 'system';
export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStore {
  get(): AppSettings;
  /** Applies a validated patch; resolves once the change is on disk. Rejects if the engine refuses it. */
  update(patch: Partial<AppSettings>): Promise<AppSettings>;
  onChanged(listener: (settings: AppSettings) => void): () => void;
}

export interface SettingsStoreOptions {
  filePath: string;
  engine: Pick<DownloadEngineApi, 'settings' | 'updateSettings'>;
  /** What `readStoredSettings` returned; its engine part was already given to the engine. */
  stored: Partial<AppSettings>;
}

/**
 * Reads the saved settings. A missing file means defaults; an unreadable or invalid one also means
 * defaults, and is kept beside as `<file>.corrupt` so nothing the user had is silently lost.
 */
export async function readStoredSettings(filePath: string): Promise<Partial<AppSettings>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = validateSettingsPatch(parsed);
  if (result.ok) return result.value;
  await copyFile(filePath, `${filePath}.corrupt`);
  return {};
}

/** The engine's part of a settings patch (everything but the theme). */
export function engineSettingsOf(patch: Partial<AppSettings>): Partial<EngineSettings> {
  const engineSettings: Partial<AppSettings> = { ...patch };
  delete engineSettings.theme;
  return engineSettings;
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { filePath, engine } = options;
  let theme = options.stored.theme ?? DEFAULT_THEME;
  const listeners = new Set<(settings: AppSettings) => void>();
  // Writes are chained so two quick updates never race on the same temp file.
  let writing: Promise<void> = Promise.resolve();

  const get = (): AppSettings => ({ ...engine.settings(), theme });

  return {
    get,
    async update(patch) {
      const before = JSON.stringify(get());
      const enginePatch = engineSettingsOf(patch);
      if (Object.keys(enginePatch).length > 0) engine.updateSettings(enginePatch);
      if (patch.theme !== undefined) theme = patch.theme;
      const after = get();
      if (JSON.stringify(after) === before) return after;
      const write = writing.then(() => writeFileAtomic(filePath, `${JSON.stringify(after, null, 2)}\n`));
      writing = write.catch(() => undefined);
      await write;
      for (const listener of listeners) listener(after);
      return after;
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
