import { expect, it } from 'vitest';
import { JOURNAL_VERSION, validateJournal } from '../../src-main/engine/storage/journal';

// `c.start` is read from each entry without checking it is an object, so a null entry throws a
// TypeError instead of returning { ok: false } (readJournal then mislabels it 'not valid JSON').
it('rejects a journal with a null chunk entry instead of throwing', () => {
  const value = {
    version: JOURNAL_VERSION,
    url: 'http://127.0.0.1/a',
    finalUrl: 'http://127.0.0.1/a',
    fileName: 'a',
    rangeSupported: true,
    chunks: [null],
  };
  expect(validateJournal(value)).toEqual({ ok: false, reason: 'bad chunk' });
});
