// The Electron preload (`window.pdl`, one named function per request) seen as the contract's
// Transport, so the store and commands need not know which host they talk to.
import type {
  PreloadApi,
  RequestChannel,
  RequestPayload,
  RequestValue,
  Result,
  Transport,
} from '../../src-shared/ipc-contract';
import { REQUEST_METHOD_NAMES } from '../../src-shared/ipc-contract';

type AnyMethod = (payload: unknown) => Promise<Result<unknown>>;

export function transportFromPreload(api: PreloadApi): Transport {
  return {
    invoke<C extends RequestChannel>(channel: C, payload: RequestPayload<C>) {
      const method = api[REQUEST_METHOD_NAMES[channel]] as AnyMethod;
      return method(payload) as Promise<Result<RequestValue<C>>>;
    },
    on: (channel, listener) => api.on(channel, listener),
  };
}
