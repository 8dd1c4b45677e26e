// The JSON-RPC 2.0 envelope as aria2 speaks it: single requests and batches, `token:<secret>` as the
// first parameter of every aria2.* call, and the system.* methods. Transport-free.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RpcContext, RpcMethod } from './rpc-context';
import { asRpcError, invalidRequest, parseError, RpcError, unauthorized } from './rpc-errors';
import { DOWNLOAD_METHODS } from './rpc-methods-download';
import { GLOBAL_METHODS } from './rpc-methods-global';

export const NOTIFICATIONS = [
  'aria2.onDownloadStart',
  'aria2.onDownloadPause',
  'aria2.onDownloadStop',
  'aria2.onDownloadComplete',
  'aria2.onDownloadError',
  'aria2.onBtDownloadComplete',
] as const;

const METHODS: Readonly<Record<string, RpcMethod>> = { ...DOWNLOAD_METHODS, ...GLOBAL_METHODS };
const SYSTEM_METHODS = ['system.multicall', 'system.listMethods', 'system.listNotifications'];
const MAX_BATCH = 1000;

export type RequestId = string | number | null;
export type RpcResponse =
  | { id: RequestId; jsonrpc: '2.0'; result: unknown }
  | { id: RequestId; jsonrpc: '2.0'; error: { code: number; message: string } };

export interface Dispatcher {
  /** Answers one request body: an object, a batch array, or a parse error. */
  handleText(text: string): Promise<RpcResponse | RpcResponse[]>;
  handleParsed(parsed: unknown): Promise<RpcResponse | RpcResponse[]>;
}

/** Compares digests, so neither the secret's content nor its length shows in the timing. */
function secretMatches(secret: string, given: unknown): boolean {
  if (typeof given !== 'string' || !given.startsWith('token:')) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(secret), digest(given.slice('token:'.length)));
}

function failure(id: RequestId, error: RpcError): RpcResponse {
  return { id, jsonrpc: '2.0', error: error.toJson() };
}

function requestIdOf(value: unknown): RequestId | undefined {
  if (typeof value === 'string' || value === null) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

export function createDispatcher(context: RpcContext, secret: string): Dispatcher {
  async function call(method: string, params: readonly unknown[], nested: boolean): Promise<unknown> {
    // aria2 answers these two without the secret; they reveal nothing about downloads.
    if (method === 'system.listMethods') return [...Object.keys(METHODS), ...SYSTEM_METHODS];
    if (method === 'system.listNotifications') return [...NOTIFICATIONS];
    if (method === 'system.multicall' && !nested) return multicall(params);
    // As aria2: the secret is checked first, so a caller without it learns nothing, not even names.
    if (!secretMatches(secret, params[0])) throw unauthorized();
    const handler = Object.prototype.hasOwnProperty.call(METHODS, method) ? METHODS[method] : undefined;
    if (!handler) throw new RpcError('RPC_NO_SUCH_METHOD', `No such method: ${method.slice(0, 100)}`);
    return await handler(context, params.slice(1));
  }

  async function multicall(params: readonly unknown[]): Promise<unknown[]> {
    const calls = params[0];
    if (!Array.isArray(calls) || calls.length > MAX_BATCH)
      throw new RpcError('RPC_INVALID_PARAMS', 'system.multicall needs an array of {methodName, params}.');
    const results: unknown[] = [];
    for (const entry of calls as unknown[]) {
      const { methodName, params: inner } = (entry ?? {}) as { methodName?: unknown; params?: unknown };
      try {
        if (typeof methodName !== 'string')
          throw new RpcError('RPC_INVALID_PARAMS', 'methodName must be a string.');
        if (inner !== undefined && !Array.isArray(inner))
          throw new RpcError('RPC_INVALID_PARAMS', 'params must be an array.');
        results.push([await call(methodName, inner ?? [], true)]);
      } catch (err) {
        results.push(asRpcError(err).toJson());
      }
    }
    return results;
  }

  async function one(request: unknown): Promise<RpcResponse> {
    if (typeof request !== 'object' || request === null || Array.isArray(request))
      return failure(null, invalidRequest());
    const { id: rawId, method, params } = request as Record<string, unknown>;
    const id = requestIdOf(rawId);
    if (id === undefined || typeof method !== 'string' || (params !== undefined && !Array.isArray(params)))
      return failure(id ?? null, invalidRequest());
    try {
      return { id, jsonrpc: '2.0', result: await call(method, (params as unknown[]) ?? [], false) };
    } catch (err) {
      return failure(id, asRpcError(err));
    }
  }

  async function handleParsed(parsed: unknown): Promise<RpcResponse | RpcResponse[]> {
    if (!Array.isArray(parsed)) return one(parsed);
    if (parsed.length > MAX_BATCH) return failure(null, invalidRequest());
    const answers: RpcResponse[] = [];
    for (const request of parsed) answers.push(await one(request));
    return answers;
  }

  return {
    handleParsed,
    async handleText(text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return failure(null, parseError());
      }
      return handleParsed(parsed);
    },
  };
}
