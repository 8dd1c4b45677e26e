import { describe, expect, it } from 'vitest';
import {
  detailsId,
  EMPTY_SELECTION,
  moveFocus,
  selectAll,
  selectRow,
} from '../../src-renderer/store/selection';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('queue selection', () => {
  it('a plain click selects only that row', () => {
    const selection = selectRow(selectRow(EMPTY_SELECTION, order, 'a', 'replace'), order, 'c', 'replace');
    expect(selection.ids).toEqual(['c']);
  });

  it('Ctrl/Cmd+click adds and removes single rows', () => {
    let selection = selectRow(EMPTY_SELECTION, order, 'a', 'replace');
    selection = selectRow(selection, order, 'd', 'toggle');
    expect(selection.ids).toEqual(['a', 'd']);
    selection = selectRow(selection, order, 'a', 'toggle');
    expect(selection.ids).toEqual(['d']);
  });

  it('Shift+click selects the range from the anchor, in either direction', () => {
    let selection = selectRow(EMPTY_SELECTION, order, 'b', 'replace');
    selection = selectRow(selection, order, 'd', 'range');
    expect(selection.ids).toEqual(['b', 'c', 'd']);
    selection = selectRow(selection, order, 'a', 'range');
    expect(selection.ids).toEqual(['a', 'b']);
  });

  it('Shift+click without an anchor selects just the row', () => {
    expect(selectRow(EMPTY_SELECTION, order, 'c', 'range').ids).toEqual(['c']);
  });

  it('Ctrl/Cmd+A selects every row', () => {
    expect(selectAll(order, EMPTY_SELECTION).ids).toEqual(order);
  });

  it('arrow keys move the selection and Shift+arrow extends it', () => {
    let selection = moveFocus(EMPTY_SELECTION, order, 1, false);
    expect(selection.ids).toEqual(['a']);
    selection = moveFocus(selection, order, 1, true);
    selection = moveFocus(selection, order, 1, true);
    expect(selection.ids).toEqual(['a', 'b', 'c']);
    selection = moveFocus(selection, order, 1, false);
    expect(selection.ids).toEqual(['d']);
    expect(moveFocus(EMPTY_SELECTION, order, -1, false).ids).toEqual(['e']);
  });

  it('the details panel shows the row last clicked while it is selected', () => {
    let selection = selectRow(EMPTY_SELECTION, order, 'b', 'replace');
    selection = selectRow(selection, order, 'd', 'toggle');
    expect(detailsId(selection)).toBe('d');
    selection = selectRow(selection, order, 'd', 'toggle');
    expect(detailsId(selection)).toBe('b');
    expect(detailsId(EMPTY_SELECTION)).toBeNull();
  });
});
