// What every RPC method may use: the engine through its public API, the settings store, and whether
// this host lets a client shut it down.
import type { DownloadSnapshot } from '../../src-shared/download-types';
import type { DownloadEngineApi } from '../engine/engine-api';
import type { SettingsStore } from '../host/settings-store';
import { RpcError } from './rpc-errors';
import { findByGid } from './rpc-gid';

export interface RpcContext {
  engine: DownloadEngineApi;
  settings: Pick<SettingsStore, 'get' | 'update'>;
  /** 40 hex digits, new for every start, as aria2's getSessionInfo. */
  sessionId: string;
  /** Present where a client may stop the host (`pdl serve`); the desktop app has none. */
  shutdown?: () => void;
}

export type RpcMethod = (context: RpcContext, params: readonly unknown[]) => unknown;

export function required(params: readonly unknown[], index: number): unknown {
  if (params.length <= index || params[index] === undefined)
    throw new RpcError('RPC_INVALID_PARAMS', `The parameter at ${index} is required but missing.`);
  return params[index];
}

export function download(context: RpcContext, params: readonly unknown[]): DownloadSnapshot {
  return findByGid(context.engine.list(), required(params, 0));
}

export function integerParam(params: readonly unknown[], index: number): number {
  const value = required(params, index);
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new RpcError('RPC_INVALID_PARAMS', `The parameter at ${index} must be an integer.`);
  return value;
}

export function objectParam(params: readonly unknown[], index: number): Record<string, unknown> {
  const value = params[index];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RpcError('RPC_INVALID_PARAMS', `The parameter at ${index} must be a struct.`);
  return value as Record<string, unknown>;
}

export function stringsParam(params: readonly unknown[], index: number): string[] | undefined {
  const value = params[index];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new RpcError('RPC_INVALID_PARAMS', `The parameter at ${index} must be an array of strings.`);
  return value as string[];
}
