// How much one run may write: the size cap (the download's own, else the settings'), and for a body
// of unknown length also the room above the folder's margin. A known size over the cap fails before
// any byte is written; a body of unknown length is cut by its worker at the limit, and the free
// space is checked again every SPACE_CHECK_INTERVAL_BYTES in case something else fills the disk.
import type { AddDownloadOptions, EngineSettings } from '../../../src-shared/download-types';
import { DownloadError } from '../errors';
import { marginReached, marginShortage, sizeText } from '../storage/free-space';

const MIB = 1024 * 1024;

/** Often enough that the margin (at least 16 MiB) absorbs what is written between two checks. */
export const SPACE_CHECK_INTERVAL_BYTES = 4 * MIB;

/** The cap that applies to a download; 0 = none. */
export function sizeCapOf(options: AddDownloadOptions, settings: EngineSettings): number {
  return options.maxFileSizeBytes ?? settings.maxFileSizeBytes;
}

export function fileTooLarge(capBytes: number, fileBytes?: number): DownloadError {
  const message =
    fileBytes === undefined
      ? `the server sent more than the size limit of ${sizeText(capBytes)} (it did not say how large the file is)`
      : `the file is ${sizeText(fileBytes)}, larger than the size limit of ${sizeText(capBytes)}`;
  return new DownloadError('FILE_TOO_LARGE', message, {
    sizeCap: { capBytes, ...(fileBytes === undefined ? {} : { fileBytes }) },
  });
}

/** Throws FILE_TOO_LARGE when a known size is over the cap. */
export function checkSizeCap(totalBytes: number | undefined, capBytes: number): void {
  if (totalBytes !== undefined && capBytes > 0 && totalBytes > capBytes) {
    throw fileTooLarge(capBytes, totalBytes);
  }
}

export class BodyLimit {
  /** For a body of unknown length: the most bytes its worker writes; undefined = no limit. */
  readonly maxBytes?: number;
  private readonly capBinds: boolean;
  private checkedAt = 0;
  private checking = false;

  /**
   * `roomBytes` is what the folder can take above its margin (undefined: unknown length not
   * involved, or the file system cannot tell); `onShort` hears when the margin is reached.
   */
  constructor(
    private readonly directory: string,
    private readonly lengthKnown: boolean,
    private readonly capBytes: number,
    roomBytes: number | undefined,
    private readonly onShort: (error: DownloadError) => void,
  ) {
    const cap = capBytes > 0 ? capBytes : Infinity;
    const limit = lengthKnown ? Infinity : Math.min(cap, roomBytes ?? Infinity);
    if (Number.isFinite(limit)) this.maxBytes = limit;
    this.capBinds = capBytes > 0 && cap <= (roomBytes ?? Infinity);
  }

  /** Checks the free space once per interval of `writtenBytes`, one check at a time. */
  note(writtenBytes: number): void {
    if (this.lengthKnown || this.checking) return;
    if (writtenBytes - this.checkedAt < SPACE_CHECK_INTERVAL_BYTES) return;
    this.checking = true;
    this.checkedAt = writtenBytes;
    marginShortage(this.directory).then(
      (error) => {
        this.checking = false;
        if (error) this.onShort(error);
      },
      (err: unknown) => {
        this.checking = false;
        this.onShort(DownloadError.from(err));
      },
    );
  }

  /** What it means that a worker cut the body at `maxBytes`: the cap, or the folder's margin. */
  exceeded(): Promise<DownloadError> {
    return this.capBinds ? Promise.resolve(fileTooLarge(this.capBytes)) : marginReached(this.directory);
  }
}
