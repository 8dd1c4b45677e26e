// Owns the chunk workers: routes each task's messages to its handler, keeps a connection on one
// worker (its keep-alive socket lives there), and replaces a worker that crashes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  MainToWorker,
  ProbeRequest,
  RangeRequest,
  StreamRequest,
  WarmRequest,
  WorkerToMain,
} from './worker-protocol';

export type TaskRequest =
  Omit<ProbeRequest, 'taskId'> | Omit<RangeRequest, 'taskId'> | Omit<StreamRequest, 'taskId'>;
export type TaskListener = (message: WorkerToMain) => void;

/**
 * What a download needs of the workers: start a task, message it, open a connection's socket ahead
 * of its first task, free a connection's socket.
 */
export interface TaskPool {
  start(request: TaskRequest, listener: TaskListener): number;
  send(message: Extract<MainToWorker, { taskId: number }>): void;
  warm(request: WarmRequest): void;
  release(connectionKey: string): void;
}

interface Slot {
  worker: Worker;
  tasks: Set<number>;
  connections: Set<string>;
}

/**
 * The smallest young generation: a worker's JS objects are short-lived (views of its reused
 * buffers, parsed heads, messages), so scavenges stay cheap, and a larger one let peak RSS grow with
 * the file (4 MB: 76 MB at 128 MiB, 84 MB at 512 MiB; 1 MB: 74 and 78).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 1 };

/** The built chunk worker; the bundled CLI and app run from out/main, where it is built. */
export function chunkWorkerScript(workerDir?: string): string {
  const dir = workerDir ?? (typeof __dirname === 'string' ? __dirname : process.cwd());
  return path.join(dir, 'chunk-worker.js');
}

/** One core stays free for the scheduler and the in-order hasher; each worker runs many connections. */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export class WorkerPool implements TaskPool {
  private readonly slots: Slot[] = [];
  private readonly listeners = new Map<number, TaskListener>();
  private readonly taskSlot = new Map<number, Slot>();
  private readonly connectionSlot = new Map<string, Slot>();
  private nextTaskId = 1;
  /** The last rate per connection-key prefix ('' = the default), replayed to a replacement worker. */
  private readonly rates = new Map<string, Extract<MainToWorker, { type: 'rate' }>>();
  private closed = false;

  constructor(
    private readonly workerScript: string,
    size: number = defaultWorkerCount(),
  ) {
    if (!fs.existsSync(workerScript)) {
      throw new Error(`the chunk worker ${workerScript} is missing: run \`npm run build\` first`);
    }
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  start(request: TaskRequest, listener: TaskListener): number {
    const taskId = this.nextTaskId++;
    const slot = this.slotFor(request.connectionKey);
    slot.tasks.add(taskId);
    this.taskSlot.set(taskId, slot);
    this.listeners.set(taskId, listener);
    slot.worker.postMessage({ ...request, taskId } as MainToWorker);
    return taskId;
  }

  send(message: Extract<MainToWorker, { taskId: number }>): void {
    this.taskSlot.get(message.taskId)?.worker.postMessage(message);
  }

  /** Sends a setting every worker applies to all of its connections. */
  broadcast(message: Extract<MainToWorker, { type: 'rate' }>): void {
    const key = message.connectionKeyPrefix ?? '';
    // A download's lifted limit needs no replay: its connections fall back to the global rate.
    if (key !== '' && message.bytesPerSecond === 0) this.rates.delete(key);
    else this.rates.set(key, message);
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  warm(request: WarmRequest): void {
    this.slotFor(request.connectionKey).worker.postMessage(request satisfies MainToWorker);
  }

  release(connectionKey: string): void {
    const slot = this.connectionSlot.get(connectionKey);
    if (!slot) return;
    slot.connections.delete(connectionKey);
    this.connectionSlot.delete(connectionKey);
    slot.worker.postMessage({ type: 'release', connectionKey } satisfies MainToWorker);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private slotFor(connectionKey: string): Slot {
    let slot = this.connectionSlot.get(connectionKey);
    if (!slot) {
      slot = this.slots.reduce((a, b) => (b.connections.size < a.connections.size ? b : a));
      slot.connections.add(connectionKey);
      this.connectionSlot.set(connectionKey, slot);
    }
    return slot;
  }

  private spawn(): Slot {
    const slot: Slot = {
      worker: new Worker(this.workerScript, { resourceLimits: WORKER_LIMITS }),
      tasks: new Set(),
      connections: new Set(),
    };
    for (const rate of this.rates.values()) slot.worker.postMessage(rate);
    slot.worker.on('message', (message: WorkerToMain) => {
      const listener = this.listeners.get(message.taskId);
      if (message.type === 'done' || message.type === 'failed') this.forget(message.taskId);
      listener?.(message);
    });
    slot.worker.on('error', (err) => this.replace(slot, err));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`chunk worker exited with code ${code}`));
    });
    return slot;
  }

  private forget(taskId: number): void {
    this.taskSlot.get(taskId)?.tasks.delete(taskId);
    this.taskSlot.delete(taskId);
    this.listeners.delete(taskId);
  }

  /** A crashed worker's tasks fail as retryable; their chunks are requeued by their jobs. */
  private replace(slot: Slot, err: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    this.slots[index] = this.spawn();
    for (const key of slot.connections) this.connectionSlot.delete(key);
    for (const taskId of [...slot.tasks]) {
      const listener = this.listeners.get(taskId);
      this.forget(taskId);
      listener?.({
        type: 'failed',
        taskId,
        position: -1,
        crc: 0,
        error: { code: 'INTERNAL', message: `worker crashed: ${err.message}`, retryable: true },
      });
    }
    void slot.worker.terminate();
  }
}
