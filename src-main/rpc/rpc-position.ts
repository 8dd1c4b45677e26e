// aria2.changePosition: positions count within the waiting queue (waiting and paused downloads), while
// the engine orders all downloads; this translates one into the other.
import type { DownloadEngineApi } from '../engine/engine-api';
import { RpcError } from './rpc-errors';
import { isWaiting } from './rpc-status';

export type PositionHow = 'POS_SET' | 'POS_CUR' | 'POS_END';

export function parseHow(value: unknown): PositionHow {
  if (value === 'POS_SET' || value === 'POS_CUR' || value === 'POS_END') return value;
  throw new RpcError('RPC_INVALID_PARAMS', 'Illegal argument.');
}

/** Moves a waiting download and returns its new position in the waiting queue. */
export function moveInWaitingQueue(
  engine: Pick<DownloadEngineApi, 'list' | 'reorder'>,
  id: string,
  pos: number,
  how: PositionHow,
): number {
  const all = engine.list();
  const waiting = all.filter(isWaiting).map((d) => d.id);
  const current = waiting.indexOf(id);
  const others = waiting.filter((other) => other !== id);
  const base = how === 'POS_SET' ? 0 : how === 'POS_CUR' ? Math.max(0, current) : others.length;
  const target = Math.max(0, Math.min(others.length, base + pos));
  const rest = all.map((d) => d.id).filter((other) => other !== id);
  const toIndex =
    target < others.length ? rest.indexOf(others[target]) : rest.indexOf(others[others.length - 1]) + 1;
  engine.reorder(id, toIndex);
  return target;
}
