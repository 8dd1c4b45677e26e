// Starts the aria2-compatible endpoint for a host (`pdl serve` or the desktop app) with the persisted
// secret, and turns a taken port into a sentence instead of a failed start: the app works without RPC.
import type { RpcEndpointInfo } from '../../src-shared/ipc-contract';
import { startRpcServer, type RpcServerOptions } from './rpc-server';
import { loadOrCreateRpcSecret } from './rpc-secret';

export interface RpcEndpointOptions extends Omit<RpcServerOptions, 'secret'> {
  stateDir: string;
  /** A secret given for this run (`--rpc-secret`); otherwise the persisted one. */
  secret?: string;
}

export interface RpcEndpoint {
  info: RpcEndpointInfo;
  close(): Promise<void>;
}

export async function startRpcEndpoint(options: RpcEndpointOptions): Promise<RpcEndpoint> {
  const { stateDir, secret: given, ...serverOptions } = options;
  try {
    const secret = given ?? (await loadOrCreateRpcSecret(stateDir));
    const server = await startRpcServer({ ...serverOptions, secret });
    return { info: { enabled: true, url: server.url, secret }, close: () => server.close() };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} on 127.0.0.1 is already in use (is aria2c or another download manager running?)`
        : `it could not start on 127.0.0.1:${options.port} (${(err as Error).message})`;
    return {
      info: { enabled: false, message: `The aria2 RPC endpoint is off: ${reason}.` },
      close: () => Promise.resolve(),
    };
  }
}

/** The start-up line: what to paste into an extension, or why there is nothing to paste. */
export function describeRpcEndpoint(info: RpcEndpointInfo): string {
  return info.enabled
    ? `aria2 RPC for browser extensions: ${info.url}  secret: ${info.secret}`
    : info.message;
}
