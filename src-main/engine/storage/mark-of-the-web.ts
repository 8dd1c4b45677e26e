// Windows' "mark of the web": a Zone.Identifier stream on each finished download saying it came from
// the Internet (zone 3), as browsers write it, so Windows SmartScreen and Office's Protected View
// treat the file with the care an Internet download needs. Other systems have no such mark: no-op.
import { writeFile } from 'node:fs/promises';
import { redactUrl } from '../../../src-shared/redact-url';

const INTERNET_ZONE = 3;

export type WriteText = (path: string, text: string) => Promise<void>;

/** The NTFS alternate data stream of `filePath` that holds the mark. */
export function zoneIdentifierPath(filePath: string): string {
  return `${filePath}:Zone.Identifier`;
}

/**
 * The stream's content. HostUrl is where the bytes came from, without a password or signature (the
 * stream is readable by anything that reads the file); there is no referring page, so no ReferrerUrl.
 */
export function zoneIdentifierText(sourceUrl: string): string {
  return ['[ZoneTransfer]', `ZoneId=${INTERNET_ZONE}`, `HostUrl=${redactUrl(sourceUrl)}`, ''].join('\r\n');
}

/**
 * Marks a finished download on Windows. A file system without alternate streams (FAT32, some network
 * shares) cannot hold the mark; the download is still complete, so that failure is not an error.
 */
export async function markOfTheWeb(
  filePath: string,
  sourceUrl: string,
  platform: NodeJS.Platform = process.platform,
  write: WriteText = (path, text) => writeFile(path, text, 'utf8'),
): Promise<void> {
  if (platform !== 'win32') return;
  await write(zoneIdentifierPath(filePath), zoneIdentifierText(sourceUrl)).catch(() => undefined);
}
