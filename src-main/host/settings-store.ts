// The app's settings (the engine's plus the UI theme), persisted as one JSON file. The engine owns
// and validates its own part; this store adds the theme and the folders the user chose, saves on
// change and tells listeners.
import { copyFile, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { EngineSettings } from '../../src-shared/download-types';
import type { AppSettings, Theme } from '../../src-shared/ipc-contract';
import { validateSettingsPatch } from '../../src-shared/settings-guards';
import { redactUrl } from '../../src-shared/redact-url';
import type { DownloadEngineApi } from '../engine/engine-api';
import { writeFileAtomic } from '../engine/storage/atomic-file';
import { checkTypedFolder, isAllowedDirectory } from './download-directories';

export const DEFAULT_THEME: Theme = 'system';
export const SETTINGS_FILE_NAME = 'settings.json';

/** The settings file: the app settings plus the download folders the user chose (host-only). */
export type StoredSettings = Partial<AppSettings> & { downloadDirectories?: string[] };

const MAX_DOWNLOAD_DIRECTORIES = 100;

export interface SettingsStore {
  get(): AppSettings;
  /**
   * Applies a validated patch; resolves once the change is on disk. Rejects if the engine refuses it,
   * or if a new download folder is not one the user chose and fails `checkTypedFolder`. A proxy equal
   * to the saved one with its password shown as `***` keeps the saved password.
   */
  update(patch: Partial<AppSettings>): Promise<AppSettings>;
  onChanged(listener: (settings: AppSettings) => void): () => void;
  /** The folders the user chose, besides the current default `get().directory`. */
  downloadDirectories(): readonly string[];
  /** Records a folder the user picked in a native dialog; saved for the next start. */
  allowDirectory(directory: string): Promise<void>;
}

export interface SettingsStoreOptions {
  filePath: string;
  engine: Pick<DownloadEngineApi, 'settings' | 'updateSettings'>;
  /** What `readStoredSettings` returned; its engine part was already given to the engine. */
  stored: StoredSettings;
  /**
   * `pdl serve -d`: the folder this run downloads to (already given to the engine). It is not saved
   * over the folder in the settings file, which applies again on a start without `-d`.
   */
  runDirectory?: string;
}

function directoryList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_DOWNLOAD_DIRECTORIES) return undefined;
  const valid = value.every(
    (entry) => typeof entry === 'string' && isAbsolute(entry) && !entry.includes('\0'),
  );
  return valid ? (value as string[]) : undefined;
}

/**
 * Reads the saved settings. A missing file means defaults; an unreadable or invalid one also means
 * defaults, and is kept beside as `<file>.corrupt` so nothing the user had is silently lost.
 */
export async function readStoredSettings(filePath: string): Promise<StoredSettings> {
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
  const { downloadDirectories, ...settings } = (
    typeof parsed === 'object' && parsed !== null ? parsed : { invalid: parsed }
  ) as Record<string, unknown>;
  const result = validateSettingsPatch(settings);
  const directories = downloadDirectories === undefined ? [] : directoryList(downloadDirectories);
  if (result.ok && directories) return { ...result.value, downloadDirectories: directories };
  await copyFile(filePath, `${filePath}.corrupt`);
  return {};
}

/** The engine's part of a settings patch (everything but the theme). */
export function engineSettingsOf(patch: StoredSettings): Partial<EngineSettings> {
  const engineSettings: StoredSettings = { ...patch };
  delete engineSettings.theme;
  delete engineSettings.downloadDirectories;
  return engineSettings;
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { filePath, engine } = options;
  let theme = options.stored.theme ?? DEFAULT_THEME;
  const listeners = new Set<(settings: AppSettings) => void>();
  // Writes are chained so two quick updates never race on the same temp file.
  let writing: Promise<void> = Promise.resolve();

  // Every folder the user chose: saved ones and the saved default.
  const chosen = new Set<string>(options.stored.downloadDirectories ?? []);
  if (options.stored.directory !== undefined) chosen.add(resolve(options.stored.directory));
  // The folder the engine starts in (this run's `-d`, the saved one or the default) stays allowed
  // after the user picks another.
  chosen.add(resolve(engine.settings().directory));
  let keepSavedDirectory = options.runDirectory !== undefined;

  const get = (): AppSettings => ({ ...engine.settings(), theme });
  const downloadDirectories = (): readonly string[] => [...chosen];

  function toSave(settings: AppSettings): StoredSettings {
    const saved: StoredSettings = { ...settings, downloadDirectories: [...chosen] };
    if (!keepSavedDirectory) return saved;
    if (options.stored.directory === undefined) delete saved.directory;
    else saved.directory = options.stored.directory;
    return saved;
  }

  function save(settings: AppSettings): Promise<void> {
    const write = writing.then(() =>
      writeFileAtomic(filePath, `${JSON.stringify(toSave(settings), null, 2)}\n`),
    );
    writing = write.catch(() => undefined);
    return write;
  }

  /**
   * A UI only ever sees the proxy with its password as `***`; saving that back unchanged keeps the
   * real password instead of storing the mask. A proxy that differs in anything else replaces it.
   */
  function withStoredProxyPassword(patch: Partial<AppSettings>): Partial<AppSettings> {
    const current = engine.settings().proxy;
    if (patch.proxy === undefined || patch.proxy === current || patch.proxy !== redactUrl(current)) {
      return patch;
    }
    return { ...patch, proxy: current };
  }

  /** A folder nobody chose yet must pass the checks for a typed folder before the engine sees it. */
  async function allowedPatch(patch: Partial<AppSettings>): Promise<Partial<AppSettings>> {
    if (patch.directory === undefined || isAllowedDirectory(patch.directory, { get, downloadDirectories })) {
      return patch;
    }
    return { ...patch, directory: await checkTypedFolder(patch.directory) };
  }

  return {
    get,
    downloadDirectories,
    async update(requested) {
      const patch = await allowedPatch(withStoredProxyPassword(requested));
      const before = JSON.stringify(get());
      const enginePatch = engineSettingsOf(patch);
      if (Object.keys(enginePatch).length > 0) engine.updateSettings(enginePatch);
      if (patch.theme !== undefined) theme = patch.theme;
      const after = get();
      if (patch.directory !== undefined) {
        chosen.add(after.directory);
        keepSavedDirectory = false;
      }
      if (JSON.stringify(after) === before) return after;
      await save(after);
      for (const listener of listeners) listener(after);
      return after;
    },
    async allowDirectory(directory) {
      const full = resolve(directory);
      if (chosen.has(full)) return;
      chosen.add(full);
      await save(get());
    },
    onChanged(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
