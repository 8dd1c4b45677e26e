// Stands in for the chunk workers: records every task and message, and lets a test answer for the
// "worker" (headers, progress, done, failed). `done` writes the real bytes at their offsets, so the
// part file, the journal and the digests behave as with real workers.
import fs from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import type { TaskListener, TaskPool, TaskRequest } from '../../src-main/engine/fetch/worker-pool';
import type {
  FailureInfo,
  MainToWorker,
  ResponseMeta,
  WarmRequest,
} from '../../src-main/engine/fetch/worker-protocol';

export interface FakeTask {
  id: number;
  request: TaskRequest;
  listener: TaskListener;
  /** The fd and end a probe was told to continue with. */
  continued?: { fd: number; end?: number };
  aborted: boolean;
  shrinks: number[];
  grows: number[];
}

export class FakeTaskPool implements TaskPool {
  readonly tasks: FakeTask[] = [];
  readonly released: string[] = [];
  /** Connections opened ahead of their first task, in order. */
  readonly warmed: WarmRequest[] = [];
  private nextId = 1;

  start(request: TaskRequest, listener: TaskListener): number {
    const task: FakeTask = { id: this.nextId++, request, listener, aborted: false, shrinks: [], grows: [] };
    this.tasks.push(task);
    for (const waiter of this.waiters.splice(0)) waiter(task);
    return task.id;
  }

  /** Resolves with the next task started (or one already started and not yet handed out). */
  nextTask(): Promise<FakeTask> {
    const unseen = this.tasks[this.seen];
    if (unseen) {
      this.seen++;
      return Promise.resolve(unseen);
    }
    return new Promise((resolve) =>
      this.waiters.push((task) => {
        this.seen++;
        resolve(task);
      }),
    );
  }

  send(message: Extract<MainToWorker, { taskId: number }>): void {
    const task = this.task(message.taskId);
    if (message.type === 'abort' && !task.aborted && !this.finished.has(task.id)) {
      task.aborted = true;
      // Like a real worker, an aborted task reports where it stopped, a moment later.
      queueMicrotask(() =>
        this.fail(task, { code: 'ABORTED', message: 'the request was stopped', retryable: false }),
      );
    }
    if (message.type === 'shrink') task.shrinks.push(message.newEnd);
    if (message.type === 'grow') task.grows.push(message.newEnd);
    if (message.type === 'continue')
      task.continued = { fd: message.fd, ...(message.end === undefined ? {} : { end: message.end }) };
  }

  warm(request: WarmRequest): void {
    this.warmed.push(request);
  }

  release(connectionKey: string): void {
    this.released.push(connectionKey);
  }

  task(id: number): FakeTask {
    const task = this.tasks.find((candidate) => candidate.id === id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  }

  /** Tasks still running: not aborted and not yet finished by the test. */
  open(): FakeTask[] {
    return this.tasks.filter((task) => !task.aborted && !this.finished.has(task.id));
  }

  last(): FakeTask {
    const task = this.tasks.at(-1);
    if (!task) throw new Error('no task started');
    return task;
  }

  headers(task: FakeTask, meta: ResponseMeta): void {
    task.listener({ type: 'headers', taskId: task.id, meta });
  }

  /** Writes `body[from..to]` (inclusive) into the task's file and reports the task done. */
  done(task: FakeTask, body: Buffer, from: number, to: number): void {
    const fd = 'fd' in task.request ? task.request.fd : task.continued!.fd;
    const bytes = body.subarray(from, to + 1);
    fs.writeSync(fd, bytes, 0, bytes.length, from);
    this.complete(task, to + 1, crc32c(bytes));
  }

  /** Reports the task done up to `position` without writing anything. */
  complete(task: FakeTask, position: number, crc = 0): void {
    this.finished.add(task.id);
    task.listener({ type: 'done', taskId: task.id, position, crc });
  }

  /** Reports where an aborted or failed task stopped. */
  fail(task: FakeTask, error: FailureInfo, position = -1): void {
    this.finished.add(task.id);
    task.listener({ type: 'failed', taskId: task.id, position, crc: 0, error });
  }

  shrinkResult(task: FakeTask, accepted: boolean): void {
    task.listener({ type: 'shrink-result', taskId: task.id, accepted, end: task.shrinks.at(-1) ?? 0 });
  }

  growResult(task: FakeTask, accepted: boolean): void {
    task.listener({ type: 'grow-result', taskId: task.id, accepted, end: task.grows.at(-1) ?? 0 });
  }

  private readonly finished = new Set<number>();
  private readonly waiters: ((task: FakeTask) => void)[] = [];
  private seen = 0;
}
