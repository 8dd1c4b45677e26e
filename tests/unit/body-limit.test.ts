import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-main/engine/engine-settings';
import { checkSizeCap, fileTooLarge, sizeCapOf } from '../../src-main/engine/job/body-limit';
import { unknownSizeMarginBytes } from '../../src-main/engine/storage/free-space';
import { validateAddOptions } from '../../src-main/engine/add-options';
import { validateRequest } from '../../src-shared/ipc-guards';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('the margin kept free under a body of unknown length', () => {
  it('is 1 % of the file system, at least 16 MiB and at most 1 GiB', () => {
    expect(unknownSizeMarginBytes(48 * MIB)).toBe(16 * MIB);
    expect(unknownSizeMarginBytes(10 * GIB)).toBe(Math.round(10 * GIB * 0.01));
    expect(unknownSizeMarginBytes(4 * 1024 * GIB)).toBe(GIB);
  });
});

describe('the size cap', () => {
  const settings = { ...defaultSettings(), maxFileSizeBytes: 100 * MIB };

  it("is the download's own when it has one (0 = none), else the settings'", () => {
    expect(sizeCapOf({ url: 'http://h/f' }, settings)).toBe(100 * MIB);
    expect(sizeCapOf({ url: 'http://h/f', maxFileSizeBytes: 5 * MIB }, settings)).toBe(5 * MIB);
    expect(sizeCapOf({ url: 'http://h/f', maxFileSizeBytes: 0 }, settings)).toBe(0);
  });

  it('refuses a known size over it with both sizes, and lets through what fits or has no cap', () => {
    expect(() => checkSizeCap(100 * MIB + 1, 100 * MIB)).toThrow(
      expect.objectContaining({
        code: 'FILE_TOO_LARGE',
        sizeCap: { capBytes: 100 * MIB, fileBytes: 100 * MIB + 1 },
      }),
    );
    expect(() => checkSizeCap(100 * MIB, 100 * MIB)).not.toThrow();
    expect(() => checkSizeCap(5 * GIB, 0)).not.toThrow();
    expect(() => checkSizeCap(undefined, MIB)).not.toThrow();
  });

  it('names sizes from 1 GiB on in GiB', () => {
    expect(fileTooLarge(4 * GIB, 6 * GIB).message).toBe(
      'the file is 6.0 GiB, larger than the size limit of 4.0 GiB',
    );
  });

  it('crosses thread and IPC boundaries with its typed fields', () => {
    expect(fileTooLarge(MIB, 3 * MIB).toInfo()).toEqual({
      code: 'FILE_TOO_LARGE',
      message: 'the file is 3.0 MiB, larger than the size limit of 1.0 MiB',
      retryable: false,
      sizeCap: { capBytes: MIB, fileBytes: 3 * MIB },
    });
  });

  it('is accepted as an add option by the engine and the IPC guard within the setting limits', () => {
    expect(validateAddOptions({ url: 'http://h/f', maxFileSizeBytes: 2 * MIB }).maxFileSizeBytes).toBe(
      2 * MIB,
    );
    expect(() => validateAddOptions({ url: 'http://h/f', maxFileSizeBytes: 1000 })).toThrow(/Largest file/);
    const add = (maxFileSizeBytes: number) =>
      validateRequest('downloads:add', { items: [{ url: 'http://h/f', maxFileSizeBytes }] });
    expect(add(2 * MIB).ok).toBe(true);
    expect(add(-1).ok).toBe(false);
  });
});
