// Pure multi-select rules for the queue: click, Ctrl/Cmd+click, Shift+click, Ctrl/Cmd+A, arrows.

export interface Selection {
  ids: readonly string[];
  /** Where a Shift range starts. */
  anchorId: string | null;
  /** The row the keyboard acts on and the details panel shows. */
  focusId: string | null;
}

export type SelectMode = 'replace' | 'toggle' | 'range';

export const EMPTY_SELECTION: Selection = { ids: [], anchorId: null, focusId: null };

export function selectRow(
  selection: Selection,
  order: readonly string[],
  id: string,
  mode: SelectMode,
): Selection {
  if (mode === 'toggle') {
    const ids = selection.ids.includes(id) ? selection.ids.filter((x) => x !== id) : [...selection.ids, id];
    return { ids, anchorId: id, focusId: id };
  }
  if (mode === 'range' && selection.anchorId !== null && order.includes(selection.anchorId)) {
    return { ids: rangeBetween(order, selection.anchorId, id), anchorId: selection.anchorId, focusId: id };
  }
  return { ids: [id], anchorId: id, focusId: id };
}

export function selectAll(order: readonly string[], selection: Selection): Selection {
  const focusId = selection.focusId ?? order[0] ?? null;
  return { ids: [...order], anchorId: selection.anchorId ?? focusId, focusId };
}

/** Arrow keys: moves the focus by `delta` rows; with `extend` (Shift) grows the range from the anchor. */
export function moveFocus(
  selection: Selection,
  order: readonly string[],
  delta: number,
  extend: boolean,
): Selection {
  if (order.length === 0) return EMPTY_SELECTION;
  const current = selection.focusId === null ? -1 : order.indexOf(selection.focusId);
  const start = current === -1 ? (delta > 0 ? -1 : order.length) : current;
  const next = order[Math.max(0, Math.min(order.length - 1, start + delta))];
  return selectRow(selection, order, next, extend ? 'range' : 'replace');
}

/** Drops ids that no longer exist, keeping the order the user selected them in. */
export function pruneSelection(selection: Selection, exists: (id: string) => boolean): Selection {
  const ids = selection.ids.filter(exists);
  const anchorId = selection.anchorId !== null && exists(selection.anchorId) ? selection.anchorId : null;
  const focusId = selection.focusId !== null && exists(selection.focusId) ? selection.focusId : null;
  if (
    ids.length === selection.ids.length &&
    anchorId === selection.anchorId &&
    focusId === selection.focusId
  ) {
    return selection;
  }
  return { ids, anchorId, focusId };
}

/** The download the details panel shows: the focused row if selected, else the first selected. */
export function detailsId(selection: Selection): string | null {
  if (selection.focusId !== null && selection.ids.includes(selection.focusId)) return selection.focusId;
  return selection.ids[0] ?? null;
}

function rangeBetween(order: readonly string[], fromId: string, toId: string): string[] {
  const from = order.indexOf(fromId);
  const to = order.indexOf(toId);
  if (to === -1) return [fromId];
  const [low, high] = from <= to ? [from, to] : [to, from];
  return order.slice(low, high + 1);
}
