import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markOfTheWeb } from '../../src-main/engine/storage/mark-of-the-web';

describe('mark of the web on finished downloads', () => {
  let dir: string;
  let file: string;
  const written: [string, string][] = [];
  const record = async (path: string, text: string) => void written.push([path, text]);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pdl-motw-'));
    file = join(dir, 'setup.exe');
    await writeFile(file, 'MZ');
    written.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('marks a Windows download as from the Internet zone, naming the host without its secrets', async () => {
    await markOfTheWeb(file, 'https://u:pw@cdn.example/setup.exe?X-Amz-Signature=abc', 'win32', record);
    expect(written).toEqual([
      [
        `${file}:Zone.Identifier`,
        '[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://u:***@cdn.example/setup.exe?X-Amz-Signature=***\r\n',
      ],
    ]);
  });

  it('leaves the download complete when the file system cannot hold the mark', async () => {
    const failing = async () => {
      throw Object.assign(new Error('not supported'), { code: 'EINVAL' });
    };
    await expect(markOfTheWeb(file, 'https://h/setup.exe', 'win32', failing)).resolves.toBeUndefined();
  });

  it('writes nothing on Linux and macOS', async () => {
    await markOfTheWeb(file, 'https://h/setup.exe', 'linux');
    await markOfTheWeb(file, 'https://h/setup.exe', 'darwin', record);
    expect(written).toEqual([]);
    expect(await readdir(dir)).toEqual(['setup.exe']);
  });
});
