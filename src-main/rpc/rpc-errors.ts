// Errors of the aria2-compatible endpoint. aria2 answers every failure of a method with JSON-RPC code 1
// and a sentence; only envelope problems use the standard negative codes. Clients match on both.

export type RpcErrorCode =
  | 'RPC_PARSE_ERROR'
  | 'RPC_INVALID_REQUEST'
  | 'RPC_UNAUTHORIZED'
  | 'RPC_NO_SUCH_METHOD'
  | 'RPC_INVALID_PARAMS'
  | 'RPC_NOT_FOUND'
  | 'RPC_NOT_SUPPORTED'
  | 'RPC_REFUSED'
  | 'RPC_FAILED';

const JSON_RPC_CODE: Readonly<Record<RpcErrorCode, number>> = {
  RPC_PARSE_ERROR: -32700,
  RPC_INVALID_REQUEST: -32600,
  RPC_UNAUTHORIZED: 1,
  RPC_NO_SUCH_METHOD: 1,
  RPC_INVALID_PARAMS: 1,
  RPC_NOT_FOUND: 1,
  RPC_NOT_SUPPORTED: 1,
  RPC_REFUSED: 1,
  RPC_FAILED: 1,
};

export class RpcError extends Error {
  readonly jsonRpcCode: number;

  constructor(
    readonly code: RpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
    this.jsonRpcCode = JSON_RPC_CODE[code];
  }

  toJson(): { code: number; message: string } {
    return { code: this.jsonRpcCode, message: this.message };
  }
}

/** Any failure as the endpoint reports it; engine errors keep their sentence. */
export function asRpcError(err: unknown): RpcError {
  if (err instanceof RpcError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RpcError('RPC_FAILED', message);
}

export const parseError = (): RpcError => new RpcError('RPC_PARSE_ERROR', 'Parse error.');
export const invalidRequest = (): RpcError => new RpcError('RPC_INVALID_REQUEST', 'Invalid Request.');
export const unauthorized = (): RpcError => new RpcError('RPC_UNAUTHORIZED', 'Unauthorized');
