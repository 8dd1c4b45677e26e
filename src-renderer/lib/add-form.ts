// Validates the add options typed by the user into the options the add command takes.
import type { AddOptions } from '../store/commands';
import { SETTING_LIMITS } from '../../src-shared/setting-limits';
import { parseChecksum } from './parse-checksum';

export interface AddFormValues {
  directory: string;
  fileName: string;
  connections: string;
  checksum: string;
}

export const EMPTY_ADD_FORM: AddFormValues = { directory: '', fileName: '', connections: '', checksum: '' };

export const MAX_CONNECTIONS = SETTING_LIMITS.connectionsPerDownload.max;

export type AddFormResult =
  { ok: true; options: AddOptions } | { ok: false; field: keyof AddFormValues; message: string };

export function readAddForm(values: AddFormValues): AddFormResult {
  const options: AddOptions = {};
  if (values.directory.trim() !== '') options.directory = values.directory.trim();
  const fileName = values.fileName.trim();
  if (fileName !== '') {
    if (/[/\\]/.test(fileName) || fileName === '.' || fileName === '..') {
      return { ok: false, field: 'fileName', message: 'A file name cannot contain / or \\.' };
    }
    options.fileName = fileName;
  }
  if (values.connections.trim() !== '') {
    const connections = Number(values.connections);
    if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
      return {
        ok: false,
        field: 'connections',
        message: `Connections must be a whole number from 1 to ${MAX_CONNECTIONS}.`,
      };
    }
    options.connections = connections;
  }
  const checksum = parseChecksum(values.checksum);
  if (!checksum.ok) return { ok: false, field: 'checksum', message: checksum.message };
  if (checksum.value !== null) options.checksum = checksum.value;
  return { ok: true, options };
}
