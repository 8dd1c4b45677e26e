// Worker thread entry: runs the HTTP requests the engine assigns, several connections per worker,
// and writes their bodies at their offsets. All decisions about boundaries stay in the engine.
import { parentPort } from 'node:worker_threads';
import { DownloadError } from '../errors';
import { formatRangeHeader } from '../plan/content-range';
import { checkRangeResponse, hasContentEncoding, statusError } from '../plan/response-check';
import { FIRST_WINDOW_BYTES, nextWindowBytes, windowEndFor } from '../plan/request-window';
import { BatchPool } from './batch-pool';
import { decodingSink } from './decoded-body';
import { openRequest, type OpenResponse } from './http-request';
import { Http1Connection } from './http1-connection';
import { RangeWriter, type RangeWriterState } from './range-writer';
import { skipPrefix } from './skip-prefix-sink';
import { ConnectionRates } from './connection-rates';
import { Throttle } from './throttle';
import type {
  ContinueProbe,
  FailureInfo,
  MainToWorker,
  ProbeRequest,
  RangeRequest,
  StreamRequest,
  WorkerToMain,
} from './worker-protocol';

if (!parentPort) throw new Error('chunk-worker must run in a worker thread');
const port = parentPort;

interface Task {
  connectionKey: string;
  controller: AbortController;
  throttle: Throttle;
  writer?: RangeWriter;
  /** Last byte the engine wants from this task (lowered by `shrink`, raised by `grow`). */
  end: number;
  /** The body runs from byte 0 to the end of the file, so raising its end needs no new request. */
  fromStart?: boolean;
  awaitContinue?: (message: ContinueProbe | undefined) => void;
}

type Fetch = ProbeRequest | RangeRequest | StreamRequest;

/** Each connection keeps its socket, its write batch and its request window across its tasks. */
interface Connection {
  http: Http1Connection;
  batches: BatchPool;
  /** The size of the next request window: it follows this connection's speed from chunk to chunk. */
  windowBytes: number;
}

const connections = new Map<string, Connection>();
const tasks = new Map<number, Task>();
const rates = new ConnectionRates();

function post(message: WorkerToMain): void {
  port.postMessage(message);
}

function newTask(message: Fetch, end: number): Task {
  const throttle = new Throttle(rates.rateFor(message.connectionKey));
  const task: Task = {
    connectionKey: message.connectionKey,
    controller: new AbortController(),
    throttle,
    end,
  };
  tasks.set(message.taskId, task);
  return task;
}

function connectionFor(key: string): Connection {
  let found = connections.get(key);
  if (!found) {
    found = { http: new Http1Connection(), batches: new BatchPool(), windowBytes: FIRST_WINDOW_BYTES };
    connections.set(key, found);
  }
  return found;
}

function open(message: Fetch, task: Task, engineHeaders: Record<string, string>, maxRedirects = 0) {
  return openRequest({
    connection: connectionFor(message.connectionKey).http,
    url: message.url,
    engineHeaders,
    extraHeaders: message.extraHeaders,
    credentialsOrigin: message.credentialsOrigin,
    proxy: message.proxy,
    timeouts: message.timeouts,
    maxRedirects,
    signal: task.controller.signal,
  });
}

function toFailure(err: unknown, signal: AbortSignal): FailureInfo {
  const error =
    signal.aborted && !(err instanceof DownloadError)
      ? new DownloadError('ABORTED', 'the request was stopped')
      : DownloadError.from(err);
  const info: FailureInfo = error.toInfo();
  const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  return info;
}

function attachWriter(taskId: number, task: Task, state: RangeWriterState): RangeWriter {
  const report = (s: RangeWriterState) =>
    post({ type: 'progress', taskId, position: s.position, crc: s.crc });
  const { batches } = connectionFor(task.connectionKey);
  task.writer = new RangeWriter(state, report, Date.now, task.throttle, batches);
  return task.writer;
}

function postFailure(taskId: number, task: Task, state: RangeWriterState | undefined, err: unknown): void {
  const error = toFailure(err, task.controller.signal);
  post({ type: 'failed', taskId, position: state?.position ?? -1, crc: state?.crc ?? 0, error });
}

/**
 * Writes a first or whole-file body from offset 0; `decode` undoes a Content-Encoding the server
 * applied despite `Accept-Encoding: identity` (whole files only: a ranged body never has one).
 */
async function writeFromStart(
  taskId: number,
  task: Task,
  response: OpenResponse,
  fd: number,
  idleMs: number,
  maxBytes = Infinity,
) {
  // One byte past `maxBytes` is taken, so a body of exactly `maxBytes` is told from a longer one.
  const lengthUnknown = !Number.isFinite(task.end);
  const state: RangeWriterState = { fd, position: 0, end: lengthUnknown ? maxBytes : task.end, crc: 0 };
  const writer = attachWriter(taskId, task, state);
  task.fromStart = true;
  const encoding = response.headers['content-encoding'];
  const decoded = hasContentEncoding(response.headers)
    ? await decodingSink(encoding ?? '', writer)
    : undefined;
  if (hasContentEncoding(response.headers) && !decoded) {
    response.exchange.discard();
    throw new DownloadError('HTTP_STATUS', `the server sent an unsupported Content-Encoding: ${encoding}`);
  }
  try {
    const outcome = await response.exchange.readBody(decoded ?? writer, idleMs);
    if (outcome === 'complete') await decoded?.finish();
  } finally {
    await writer.finish();
  }
  if (lengthUnknown && state.position > maxBytes) {
    throw new DownloadError('FILE_TOO_LARGE', `the body is longer than ${maxBytes} bytes`);
  }
  if (Number.isFinite(task.end) && state.position <= task.end) {
    throw new DownloadError('NETWORK', `the connection closed ${task.end - state.position + 1} bytes early`, {
      retryable: true,
    });
  }
  post({ type: 'done', taskId, position: state.position, crc: state.crc });
}

async function runWholeBody(message: ProbeRequest | StreamRequest, task: Task, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    postFailure(message.taskId, task, task.writer?.state, err);
  } finally {
    tasks.delete(message.taskId);
  }
}

function startProbe(message: ProbeRequest): void {
  const task = newTask(message, Infinity);
  void runWholeBody(message, task, async () => {
    const response = await open(message, task, { Range: formatRangeHeader(0) }, message.maxRedirects);
    const decision = new Promise<ContinueProbe | undefined>((resolve) => (task.awaitContinue = resolve));
    const { status, finalUrl, headers } = response;
    post({ type: 'headers', taskId: message.taskId, meta: { status, finalUrl, headers } });
    const go = await decision;
    task.awaitContinue = undefined;
    if (!go) {
      response.exchange.discard();
      throw new DownloadError('ABORTED', 'the request was stopped');
    }
    // A decoded body's length is unknown up front: it is read to its end.
    const whole = status === 200;
    task.end = whole && hasContentEncoding(headers) ? Infinity : (go.end ?? Infinity);
    await writeFromStart(message.taskId, task, response, go.fd, message.timeouts.idleMs, go.maxBytes);
  });
}

function startStream(message: StreamRequest): void {
  const task = newTask(message, message.end ?? Infinity);
  void runWholeBody(message, task, async () => {
    const response = await open(message, task, {});
    if (response.status !== 200) {
      response.exchange.discard();
      throw statusError(response.status, response.headers, Date.now());
    }
    if (hasContentEncoding(response.headers)) task.end = Infinity;
    await writeFromStart(
      message.taskId,
      task,
      response,
      message.fd,
      message.timeouts.idleMs,
      message.maxBytes,
    );
  });
}

async function fetchWindows(message: RangeRequest, task: Task, writer: RangeWriter): Promise<void> {
  const connection = connectionFor(message.connectionKey);
  // Windows follow each other without waiting for the disk: the next one continues the same batch.
  for (let position = writer.acceptedEnd(); position <= task.end; position = writer.acceptedEnd()) {
    const windowEnd = windowEndFor(position, task.end, connection.windowBytes);
    const startedAt = Date.now();
    const engineHeaders: Record<string, string> = { Range: formatRangeHeader(position, windowEnd) };
    if (message.ifRange) engineHeaders['If-Range'] = message.ifRange;
    const response = await open(message, task, engineHeaders);
    let skipBytes: number;
    try {
      const asked = { ...message.expect, position, end: windowEnd };
      const placement = checkRangeResponse(response.status, response.headers, asked, Date.now());
      writer.state.end = Math.min(placement.end, task.end);
      skipBytes = placement.skipBytes;
    } catch (err) {
      response.exchange.discard();
      throw err;
    }
    // A response shorter than its window leaves the rest to the next request; one that brought
    // nothing is a failed attempt, so a server that always closes at once is not asked forever.
    const sink = skipBytes > 0 ? skipPrefix(skipBytes, writer) : writer;
    await response.exchange.readBody(sink, message.timeouts.idleMs);
    writer.check();
    const moved = writer.acceptedEnd() - position;
    if (moved === 0 && position <= task.end) {
      throw new DownloadError('NETWORK', 'the connection closed before sending any data', {
        retryable: true,
      });
    }
    // A window cut short by the chunk's end says little about the speed: keep the size as it was.
    if (windowEnd < task.end || moved >= connection.windowBytes) {
      connection.windowBytes = nextWindowBytes(moved, Date.now() - startedAt);
    }
  }
}

async function runRangeTask(message: RangeRequest, task: Task): Promise<void> {
  const state: RangeWriterState = {
    fd: message.fd,
    position: message.position,
    end: message.position - 1,
    crc: message.crc,
  };
  const writer = attachWriter(message.taskId, task, state);
  try {
    try {
      await fetchWindows(message, task, writer);
    } finally {
      await writer.finish();
    }
    post({ type: 'done', taskId: message.taskId, position: state.position, crc: state.crc });
  } catch (err) {
    postFailure(message.taskId, task, state, err);
  } finally {
    tasks.delete(message.taskId);
  }
}

function shrink(taskId: number, newEnd: number): void {
  const task = tasks.get(taskId);
  const accepted = task?.writer ? task.writer.shrink(newEnd) : task !== undefined && !task.awaitContinue;
  if (task && accepted) task.end = newEnd;
  post({ type: 'shrink-result', taskId, accepted, end: task?.end ?? newEnd });
}

function grow(taskId: number, newEnd: number): void {
  const task = tasks.get(taskId);
  const accepted = task?.fromStart === true && task.writer !== undefined && task.writer.grow(newEnd);
  if (task && accepted) task.end = newEnd;
  post({ type: 'grow-result', taskId, accepted, end: task?.end ?? newEnd });
}

function applyRates(): void {
  for (const task of tasks.values()) task.throttle.setRate(rates.rateFor(task.connectionKey));
}

port.on('message', (message: MainToWorker) => {
  switch (message.type) {
    case 'probe':
      return startProbe(message);
    case 'range':
      return void runRangeTask(message, newTask(message, message.end));
    case 'stream':
      return startStream(message);
    case 'continue':
      return tasks.get(message.taskId)?.awaitContinue?.(message);
    case 'shrink':
      return shrink(message.taskId, message.newEnd);
    case 'grow':
      return grow(message.taskId, message.newEnd);
    case 'abort': {
      const task = tasks.get(message.taskId);
      task?.awaitContinue?.(undefined);
      task?.controller.abort(new DownloadError('ABORTED', 'the request was stopped'));
      return;
    }
    case 'rate':
      rates.set(message.bytesPerSecond, message.connectionKeyPrefix);
      return applyRates();
    case 'warm': {
      const { url, proxy, timeouts } = message;
      const target = { url: new URL(url), proxy, connectMs: timeouts.connectMs };
      return connectionFor(message.connectionKey).http.warm(target);
    }
    case 'release':
      connections.get(message.connectionKey)?.http.close();
      connections.delete(message.connectionKey);
      return;
  }
});
