// Worker thread entry: runs the HTTP requests the engine assigns, several connections per worker,
// and writes their bodies at their offsets. All decisions about boundaries stay in the engine.
import { parentPort } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { DownloadError } from '../errors';
import { formatRangeHeader } from '../plan/content-range';
import { checkRangeResponse, statusError } from '../plan/response-check';
import { createConnectionAgents, mapRequestError, openRequest, type OpenResponse } from './http-request';
import { RangeWriter, type RangeWriterState } from './range-writer';
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
  controller: AbortController;
  writer?: RangeWriter;
  /** Last byte the engine wants from this task (lowered by `shrink`). */
  end: number;
  awaitContinue?: (message: ContinueProbe | undefined) => void;
}

const agents = new Map<string, ReturnType<typeof createConnectionAgents>>();
const tasks = new Map<number, Task>();

function post(message: WorkerToMain): void {
  port.postMessage(message);
}

function agentsFor(key: string): ReturnType<typeof createConnectionAgents> {
  let found = agents.get(key);
  if (!found) {
    found = createConnectionAgents();
    agents.set(key, found);
  }
  return found;
}

function toFailure(err: unknown): FailureInfo {
  const error = DownloadError.from(err);
  const info: FailureInfo = error.toInfo();
  const retryAfterMs = (err as { retryAfterMs?: number }).retryAfterMs;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  return info;
}

function baseHeaders(extra: Record<string, string>): Record<string, string> {
  return { 'Accept-Encoding': 'identity', ...extra };
}

async function writeBody(
  taskId: number,
  task: Task,
  body: Readable,
  state: RangeWriterState,
  idleMs: number,
) {
  const writer = new RangeWriter(state, (s) =>
    post({ type: 'progress', taskId, position: s.position, crc: s.crc }),
  );
  task.writer = writer;
  const outcome = await writer.consume(body, idleMs);
  if (outcome === 'eof' && Number.isFinite(task.end) && state.position <= task.end) {
    throw new DownloadError(
      'NETWORK',
      `the connection closed ${task.end - state.position + 1} bytes early`,
      true,
    );
  }
}

async function runTask(
  taskId: number,
  task: Task,
  open: () => Promise<OpenResponse>,
  prepare: (response: OpenResponse) => Promise<RangeWriterState | undefined>,
  idleMs: number,
): Promise<void> {
  let state: RangeWriterState | undefined;
  try {
    const response = await open();
    state = await prepare(response);
    if (!state) {
      response.body.destroy();
      throw new DownloadError('ABORTED', 'the request was stopped', false);
    }
    await writeBody(taskId, task, response.body, state, idleMs);
    post({ type: 'done', taskId, position: state.position, crc: state.crc });
  } catch (err) {
    post({
      type: 'failed',
      taskId,
      position: state?.position ?? -1,
      crc: state?.crc ?? 0,
      // Body errors (resets, stalls) are classified like request errors: retryable network faults.
      error: toFailure(mapRequestError(err, task.controller.signal)),
    });
  } finally {
    tasks.delete(taskId);
  }
}

function startProbe(message: ProbeRequest): void {
  const task: Task = { controller: new AbortController(), end: Infinity };
  tasks.set(message.taskId, task);
  const open = () =>
    openRequest({
      url: message.url,
      headers: { ...baseHeaders(message.extraHeaders), Range: formatRangeHeader(0) },
      timeouts: message.timeouts,
      maxRedirects: message.maxRedirects,
      signal: task.controller.signal,
      agents: agentsFor(message.connectionKey),
    });
  const prepare = async (response: OpenResponse): Promise<RangeWriterState | undefined> => {
    const decision = new Promise<ContinueProbe | undefined>((resolve) => (task.awaitContinue = resolve));
    post({
      type: 'headers',
      taskId: message.taskId,
      meta: { status: response.status, finalUrl: response.finalUrl, headers: response.headers },
    });
    const go = await decision;
    if (!go) return undefined;
    task.end = go.end ?? Infinity;
    return { fd: go.fd, position: 0, end: task.end, crc: 0 };
  };
  void runTask(message.taskId, task, open, prepare, message.timeouts.idleMs);
}

function startRange(message: RangeRequest): void {
  const task: Task = { controller: new AbortController(), end: message.end };
  tasks.set(message.taskId, task);
  const headers: Record<string, string> = {
    ...baseHeaders(message.extraHeaders),
    Range: formatRangeHeader(message.position, message.end),
  };
  if (message.ifRange) headers['If-Range'] = message.ifRange;
  const open = () =>
    openRequest({
      url: message.url,
      headers,
      timeouts: message.timeouts,
      maxRedirects: 0,
      signal: task.controller.signal,
      agents: agentsFor(message.connectionKey),
    });
  const prepare = async (response: OpenResponse): Promise<RangeWriterState> => {
    const coveredEnd = checkRangeResponse(
      response.status,
      response.headers,
      { ...message.expect, position: message.position, end: message.end },
      Date.now(),
    );
    return {
      fd: message.fd,
      position: message.position,
      end: Math.min(coveredEnd, task.end),
      crc: message.crc,
    };
  };
  void runTask(message.taskId, task, open, prepare, message.timeouts.idleMs);
}

function startStream(message: StreamRequest): void {
  const task: Task = { controller: new AbortController(), end: message.end ?? Infinity };
  tasks.set(message.taskId, task);
  const open = () =>
    openRequest({
      url: message.url,
      headers: baseHeaders(message.extraHeaders),
      timeouts: message.timeouts,
      maxRedirects: 0,
      signal: task.controller.signal,
      agents: agentsFor(message.connectionKey),
    });
  const prepare = async (response: OpenResponse): Promise<RangeWriterState> => {
    if (response.status !== 200) throw statusError(response.status, response.headers, Date.now());
    return { fd: message.fd, position: 0, end: task.end, crc: 0 };
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
      task?.controller.abort(new DownloadError('ABORTED', 'the request was stopped', false));
      return;
    }
    case 'release': {
      const found = agents.get(message.connectionKey);
      found?.http.destroy();
      found?.https.destroy();
      agents.delete(message.connectionKey);
      return;
    }
  }
});
