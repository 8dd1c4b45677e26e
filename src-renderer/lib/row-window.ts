// Which rows of a fixed-row-height list are on screen: the chunk table renders only those (plus a
// few either side), so 2,560 chunks cost what 20 do.

export interface RowWindow {
  /** First and one-past-last row to render. */
  first: number;
  end: number;
  /** Height of the rows skipped above and below, in px. */
  padTop: number;
  padBottom: number;
}

export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): RowWindow {
  const top = Math.max(0, scrollTop);
  const first = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
  const end = Math.min(count, Math.ceil((top + viewportHeight) / rowHeight) + overscan);
  return { first, end, padTop: first * rowHeight, padBottom: (count - end) * rowHeight };
}
