import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { fileSystemError } from '../../src-main/engine/storage/fs-errors';

it('says a name the file system refuses as too long is too long, not that the folder is at fault', () => {
  const file = path.join(os.tmpdir(), `${'x'.repeat(300)}.part`);
  let refused: unknown;
  try {
    fs.openSync(file, 'wx');
  } catch (err) {
    refused = err;
  }
  const error = fileSystemError(refused, file, 'create');
  expect(error.code).toBe('NAME_TOO_LONG');
  expect(error.message).toMatch(
    /^the file name is too long for this file system: .+; give the download a shorter name$/,
  );
  expect(error.message).not.toMatch(/folder/);
});
