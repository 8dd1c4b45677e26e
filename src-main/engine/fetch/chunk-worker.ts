// Worker thread entry: runs the HTTP requests the engine assigns, several connections per worker,
// and writes their bodies at their offsets. All decisions about boundaries stay in the engine.
import { parentPort } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { DownloadError } from '../errors';
import { formatRangeHeader } from '../plan/content-range';
import { checkRangeResponse, hasContentEncoding, statusError } from '../plan/response-check';
import {
  createConnectionAgents,
  decodedBody,
  mapRequestError,
  openRequest,
  type OpenResponse,
} from './http-request';
import { RangeWriter, type RangeWriterState } from './range-writer';
import { Throttle } from './throttle';
import { ConnectionRates } from './connection-rates';
import { BufferReclaimer } from './buffer-reclaimer';
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
  /** Last byte the engine wants from this task (lowered by `shrink`). */
  end: number;
  awaitContinue?: (message: ContinueProbe | undefined) => void;
}

/** What to write: the state to start from, and the bytes (decoded when the response is a whole file). */
type Prepared = { state: RangeWriterState; body: Readable } | undefined;

const agents = new Map<string, ReturnType<typeof createConnectionAgents>>();
const tasks = new Map<number, Task>();
const rates = new ConnectionRates();
const reclaimer = new BufferReclaimer();

function post(message: WorkerToMain): void {
  port.postMessage(message);
}

function newTask(connectionKey: string, end: number): Task {
  return {
    connectionKey,
    controller: new AbortController(),
    throttle: new Throttle(rates.rateFor(connectionKey)),
    end,
  };
}

function agentsFor(key: string, connectMs: number): ReturnType<typeof createConnectionAgents> {
  let found = agents.get(key);
  if (!found) {
    found = createConnectionAgents(connectMs);
    agents.set(key, found);
  }
  return found;
}

function toFailure(err: unknown): FailureInfo {
  return DownloadError.from(err).toFailure();
}

function baseHeaders(extra: Record<string, string>): Record<string, string> {
  return { 'Accept-Encoding': 'identity', ...extra };
}

function wholeFileBody(response: OpenResponse): Readable {
  const body = decodedBody(response);
  if (!body) {
    const encoding = response.headers['content-encoding'];
    throw new DownloadError('HTTP_STATUS', `the server sent an unsupported Content-Encoding: ${encoding}`);
  }
  return body;
}

function attachWriter(taskId: number, task: Task, state: RangeWriterState): RangeWriter {
  const report = (s: RangeWriterState) =>
    post({ type: 'progress', taskId, position: s.position, crc: s.crc });
  task.writer = new RangeWriter(state, report, Date.now, task.throttle, (bytes) => reclaimer.passed(bytes));
  return task.writer;
}

function postFailure(taskId: number, task: Task, state: RangeWriterState | undefined, err: unknown): void {
  post({
    type: 'failed',
    taskId,
    position: state?.position ?? -1,
    crc: state?.crc ?? 0,
    // Body errors (resets, stalls) are classified like request errors: retryable network faults.
    error: toFailure(mapRequestError(err, task.controller.signal)),
  });
}

async function writeBody(taskId: number, task: Task, prepared: NonNullable<Prepared>, idleMs: number) {
  const { state, body } = prepared;
  const outcome = await attachWriter(taskId, task, state).consume(body, idleMs);
  if (outcome === 'eof' && Number.isFinite(task.end) && state.position <= task.end) {
    throw new DownloadError('NETWORK', `the connection closed ${task.end - state.position + 1} bytes early`, {
      retryable: true,
    });
  }
}

async function runTask(
  taskId: number,
  task: Task,
  open: () => Promise<OpenResponse>,
  prepare: (response: OpenResponse) => Promise<Prepared>,
  idleMs: number,
): Promise<void> {
  let state: RangeWriterState | undefined;
  try {
    const response = await open();
    const prepared = await prepare(response);
    if (!prepared) {
      response.body.destroy();
      throw new DownloadError('ABORTED', 'the request was stopped');
    }
    state = prepared.state;
    await writeBody(taskId, task, prepared, idleMs);
    post({ type: 'done', taskId, position: state.position, crc: state.crc });
  } catch (err) {
    postFailure(taskId, task, state, err);
  } finally {
    tasks.delete(taskId);
  }
}

function startProbe(message: ProbeRequest): void {
  const task = newTask(message.connectionKey, Infinity);
  tasks.set(message.taskId, task);
  const open = () =>
    openRequest({
      url: message.url,
      headers: { ...baseHeaders(message.extraHeaders), Range: formatRangeHeader(0) },
      timeouts: message.timeouts,
      maxRedirects: message.maxRedirects,
      signal: task.controller.signal,
      agents: agentsFor(message.connectionKey, message.timeouts.connectMs),
    });
  const prepare = async (response: OpenResponse): Promise<Prepared> => {
    const decision = new Promise<ContinueProbe | undefined>((resolve) => (task.awaitContinue = resolve));
    post({
      type: 'headers',
      taskId: message.taskId,
      meta: { status: response.status, finalUrl: response.finalUrl, headers: response.headers },
    });
    const go = await decision;
    task.awaitContinue = undefined;
    if (!go) return undefined;
    const whole = response.status === 200;
    // A decoded body's length is unknown up front: it is read to its end.
    task.end = whole && hasContentEncoding(response.headers) ? Infinity : (go.end ?? Infinity);
    const body = whole ? wholeFileBody(response) : response.body;
    return { state: { fd: go.fd, position: 0, end: task.end, crc: 0 }, body };
  };
  void runTask(message.taskId, task, open, prepare, message.timeouts.idleMs);
}

/**
 * A chunk is fetched in request windows of about WINDOW_SECONDS of this connection's speed on its
 * keep-alive socket: when the scheduler hands the tail of the chunk to another connection, the cut
 * usually falls beyond the current window, so this connection finishes its window cleanly instead
 * of dropping its socket mid-response (a new connection costs a handshake, or worse, a slow socket).
 */
const WINDOW_SECONDS = 0.5;
const MIN_WINDOW_BYTES = 256 * 1024;
const MAX_WINDOW_BYTES = 8 * 1024 * 1024;
const FIRST_WINDOW_BYTES = 1024 * 1024;

function nextWindowBytes(bytes: number, elapsedMs: number): number {
  const speed = elapsedMs > 0 ? (bytes * 1000) / elapsedMs : Infinity;
  return Math.round(Math.min(MAX_WINDOW_BYTES, Math.max(MIN_WINDOW_BYTES, speed * WINDOW_SECONDS)));
}

async function runRangeTask(message: RangeRequest, task: Task): Promise<void> {
  const state: RangeWriterState = {
    fd: message.fd,
    position: message.position,
    end: message.position - 1,
    crc: message.crc,
  };
  const writer = attachWriter(message.taskId, task, state);
  let windowBytes = FIRST_WINDOW_BYTES;
  try {
    while (state.position <= task.end) {
      const windowEnd = Math.min(task.end, state.position + windowBytes - 1);
      const startedAt = Date.now();
      const headers: Record<string, string> = {
        ...baseHeaders(message.extraHeaders),
        Range: formatRangeHeader(state.position, windowEnd),
      };
      if (message.ifRange) headers['If-Range'] = message.ifRange;
      const response = await openRequest({
        url: message.url,
        headers,
        timeouts: message.timeouts,
        maxRedirects: 0,
        signal: task.controller.signal,
        agents: agentsFor(message.connectionKey, message.timeouts.connectMs),
      });
      const asked = { ...message.expect, position: state.position, end: windowEnd };
      try {
        state.end = Math.min(
          checkRangeResponse(response.status, response.headers, asked, Date.now()),
          task.end,
        );
      } catch (err) {
        response.body.destroy();
        throw err;
      }
      // A response shorter than its window leaves the rest to the next request; one that brought
      // nothing is a failed attempt, so a server that always closes at once is not asked forever.
      const before = state.position;
      await writer.consume(response.body, message.timeouts.idleMs);
      if (state.position === before && state.position <= task.end) {
        throw new DownloadError('NETWORK', 'the connection closed before sending any data', {
          retryable: true,
        });
      }
      windowBytes = nextWindowBytes(state.position - before, Date.now() - startedAt);
    }
    post({ type: 'done', taskId: message.taskId, position: state.position, crc: state.crc });
  } catch (err) {
    postFailure(message.taskId, task, state, err);
  } finally {
    tasks.delete(message.taskId);
  }
}

function startRange(message: RangeRequest): void {
  const task = newTask(message.connectionKey, message.end);
  tasks.set(message.taskId, task);
  void runRangeTask(message, task);
}

function startStream(message: StreamRequest): void {
  const task = newTask(message.connectionKey, message.end ?? Infinity);
  tasks.set(message.taskId, task);
  const open = () =>
    openRequest({
      url: message.url,
      headers: baseHeaders(message.extraHeaders),
      timeouts: message.timeouts,
      maxRedirects: 0,
      signal: task.controller.signal,
      agents: agentsFor(message.connectionKey, message.timeouts.connectMs),
    });
  const prepare = async (response: OpenResponse): Promise<Prepared> => {
    if (response.status !== 200) throw statusError(response.status, response.headers, Date.now());
    if (hasContentEncoding(response.headers)) task.end = Infinity;
    return { state: { fd: message.fd, position: 0, end: task.end, crc: 0 }, body: wholeFileBody(response) };
  };
  void runTask(message.taskId, task, open, prepare, message.timeouts.idleMs);
}

function shrink(taskId: number, newEnd: number): void {
  const task = tasks.get(taskId);
  const accepted = task?.writer ? task.writer.shrink(newEnd) : task !== undefined && !task.awaitContinue;
  if (task && accepted) task.end = newEnd;
  post({ type: 'shrink-result', taskId, accepted, end: task?.end ?? newEnd });
}

port.on('message', (message: MainToWorker) => {
  switch (message.type) {
    case 'probe':
      return startProbe(message);
    case 'range':
      return startRange(message);
    case 'stream':
      return startStream(message);
    case 'continue': {
      const task = tasks.get(message.taskId);
      task?.awaitContinue?.(message);
      return;
    }
    case 'shrink':
      return shrink(message.taskId, message.newEnd);
    case 'abort': {
      const task = tasks.get(message.taskId);
      task?.awaitContinue?.(undefined);
      task?.controller.abort(new DownloadError('ABORTED', 'the request was stopped'));
      return;
    }
    case 'rate':
      rates.set(message.bytesPerSecond, message.connectionKeyPrefix);
      for (const task of tasks.values()) task.throttle.setRate(rates.rateFor(task.connectionKey));
      return;
    case 'release': {
      const found = agents.get(message.connectionKey);
      found?.http.destroy();
      found?.https.destroy();
      agents.delete(message.connectionKey);
      return;
    }
  }
});
