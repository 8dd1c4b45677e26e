// The endpoint over plain HTTP: POST bodies, aria2's GET form (`method`, `id`, base64 `params`, and
// optional JSONP `jsoncallback`), CORS preflights for extensions, and a body size limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher, RpcResponse } from './rpc-dispatch';
import { parseError } from './rpc-errors';
import { corsHeaders, hostAllowed, judgeOrigin } from './rpc-origin';

export const RPC_PATH = '/jsonrpc';
/** Far above any real request (a thousand URIs with options), far below what could hurt. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
const JSONP_CALLBACK = /^[A-Za-z_$][\w$.]{0,63}$/;

function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(text);
}

/** aria2's statuses: 200 for results and batches, 400 for a failed call, 500 for a parse error. */
function statusOf(answer: RpcResponse | RpcResponse[]): number {
  if (Array.isArray(answer) || !('error' in answer)) return 200;
  return answer.error.code === -32700 ? 500 : 400;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * aria2's GET form: the request is in the query; `params` is base64 of a JSON array. A `+` a client
 * forgot to escape arrives as a space and is put back.
 */
function requestFromQuery(query: URLSearchParams): unknown {
  const request: Record<string, unknown> = {
    jsonrpc: '2.0',
    method: query.get('method'),
    id: query.get('id'),
  };
  const params = query.get('params');
  if (params !== null)
    request.params = JSON.parse(Buffer.from(params.replaceAll(' ', '+'), 'base64').toString('utf8'));
  return request;
}

export function createRpcHttpHandler(dispatcher: Dispatcher, port: () => number) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, port())) return sendPlain(res, 421, 'Host header does not name this server');
    const verdict = judgeOrigin(req.headers.origin);
    if (verdict.kind === 'refused') return sendPlain(res, 403, verdict.reason);
    const cors = corsHeaders(verdict);
    if (url.pathname !== RPC_PATH) return sendPlain(res, 404, 'Not found', cors);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
      return;
    }
    let answer: RpcResponse | RpcResponse[];
    let callback: string | undefined;
    if (req.method === 'POST') {
      const body = await readBody(req);
      if (body === undefined)
        return sendPlain(res, 413, `Request body is larger than ${MAX_BODY_BYTES} bytes`, cors);
      answer = await dispatcher.handleText(body);
    } else if (req.method === 'GET') {
      callback = url.searchParams.get('jsoncallback') ?? undefined;
      if (callback !== undefined && !JSONP_CALLBACK.test(callback))
        return sendPlain(res, 400, 'jsoncallback must be a JavaScript name', cors);
      let request: unknown;
      try {
        request = requestFromQuery(url.searchParams);
      } catch {
        request = undefined;
      }
      answer =
        request === undefined
          ? { id: null, jsonrpc: '2.0', error: parseError().toJson() }
          : await dispatcher.handleParsed(request);
    } else {
      return sendPlain(res, 405, 'Use POST, GET or a WebSocket', { ...cors, Allow: 'POST, GET, OPTIONS' });
    }
    const json = JSON.stringify(answer);
    res.writeHead(callback ? 200 : statusOf(answer), {
      'Content-Type': callback ? 'text/javascript' : 'application/json-rpc',
      'Cache-Control': 'no-cache',
      ...cors,
    });
    res.end(callback ? `${callback}(${json})` : json);
  };
}
