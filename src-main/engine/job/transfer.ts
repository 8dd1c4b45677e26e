// One run of a download's connections over its chunk plan: hands chunks to free connections, asks a
// straggler to shrink so a free connection can take its tail, retries failed attempts after backoff,
// and stops cleanly. The scheduler decides boundaries; this class only carries out its decisions.
import type { ChunkState } from '../plan/chunk-scheduler';
import type { ByteRange } from '../plan/chunk-planner';
import type { FirstResponse } from '../fetch/first-request';
import { PROGRESS_INTERVAL_MS, type FailureInfo, type WorkerToMain } from '../fetch/worker-protocol';
import { chunkRequest, connectionKeyOf, type TransferOutcome, type TransferSetup } from './transfer-setup';
import { UnreachableWindow } from '../fetch/unreachable-window';
import { nextAttempt } from './chunk-retry';
import { RebalanceTimers } from './rebalance-timers';

export type { TransferOutcome } from './transfer-setup';
export { REBALANCE_INTERVAL_MS } from './rebalance-timers';

/** A connection receiving bytes reports at least this often: a server heard from since is up. */
const RECENTLY_SERVED_MS = 2 * PROGRESS_INTERVAL_MS;

interface Connection {
  index: number;
  key: string;
  taskId?: number;
  chunkId?: number;
  split?: { victimId: number; stolen: ByteRange };
}

export class Transfer {
  private readonly connections: Connection[] = [];
  private readonly taskConnection = new Map<number, Connection>();
  private settle?: (outcome: TransferOutcome) => void;
  private readonly drainWaiters: (() => void)[] = [];
  private outcome?: TransferOutcome;
  private readonly timers: RebalanceTimers;
  /** The first response (`bytes=0-`), which streams on as the chunk at byte 0. */
  private firstTaskId?: number;
  /**
   * Set once the server's ranges cannot be trusted: 'growing' while the first response is asked to
   * run on to the end of the file, 'one-stream' once it does. No chunk is split meanwhile.
   */
  private oneStream?: 'growing' | 'one-stream';
  private readonly unreachable: UnreachableWindow;
  /** When the server last answered any connection of this run (headers or bytes). */
  private lastServedAt?: number;

  constructor(private readonly setup: TransferSetup) {
    this.unreachable = new UnreachableWindow(setup.retry);
    this.timers = new RebalanceTimers(setup.clock, () => this.rebalance());
    for (let index = 0; index < setup.connections; index++) {
      this.connections.push({ index, key: connectionKeyOf(setup.downloadId, index) });
    }
  }

  /** Connections this run may use now: its own count, within what the host allows. */
  private limit(): number {
    return Math.min(this.setup.connections, this.setup.hostLimit() ?? Infinity);
  }

  private busyCount(): number {
    return this.connections.filter((c) => c.taskId !== undefined || c.split).length;
  }

  /**
   * A 503/429, or a connection refused or reset before any byte, while other connections of this
   * run are transferring means the server caps connections: use no more than those that work,
   * instead of hammering it with retries on the extra ones. A connection that could not be made
   * counts only while another one is receiving bytes (its last report is recent): a server that
   * went away serves nobody, and then the unreachable window applies.
   */
  private noteRefusal(error: FailureInfo, broughtNothing: boolean, now: number): boolean {
    const othersServed = this.lastServedAt !== undefined && now - this.lastServedAt <= RECENTLY_SERVED_MS;
    const notConnected = error.code === 'NETWORK' || (error.code === 'UNREACHABLE' && othersServed);
    const refused = error.status === 503 || error.status === 429 || (notConnected && broughtNothing);
    const working = this.busyCount();
    if (!refused || working === 0 || working >= this.limit()) return false;
    this.setup.onRefused(working);
    return true;
  }

  /** Runs until every chunk is done, one fails for good, or `stop` is called. */
  run(first?: { response: FirstResponse; chunk: ChunkState }): Promise<TransferOutcome> {
    const done = new Promise<TransferOutcome>((resolve) => (this.settle = resolve));
    if (first) {
      // The first response's body becomes the first chunk on connection 0, in one step.
      this.setup.scheduler.assign(first.chunk, 0, this.setup.clock.now());
      this.bind(this.connections[0]!, first.response.taskId, first.chunk.id);
      this.firstTaskId = first.response.taskId;
      this.lastServedAt = this.setup.clock.now();
      const { fd, maxBodyBytes } = this.setup;
      first.response.takeOver(fd, first.chunk.end, (message) => this.handle(message), maxBodyBytes);
    }
    this.timers.start();
    this.rebalance();
    return done;
  }

  /** Routes a worker message of one of this run's tasks. */
  handle(message: WorkerToMain): void {
    const connection = this.taskConnection.get(message.taskId);
    if (!connection || connection.chunkId === undefined) return;
    const { scheduler, clock } = this.setup;
    const chunkId = connection.chunkId;
    if (!scheduler.get(chunkId)) {
      // The chunk was given up to the one stream: its request only has to end.
      if (message.type !== 'done' && message.type !== 'failed') return;
      this.unbind(connection);
      return this.afterTaskEnded();
    }
    const served = message.type === 'headers' || message.type === 'progress' || message.type === 'done';
    if (served) this.lastServedAt = clock.now();
    if (message.type === 'progress' || message.type === 'done') this.unreachable.reached();
    switch (message.type) {
      case 'progress':
        scheduler.progress(chunkId, message.position, message.crc, clock.now());
        this.setup.onProgress();
        return;
      case 'shrink-result':
        return this.onShrinkResult(chunkId, message.accepted);
      case 'grow-result':
        return this.onGrowResult(chunkId, message.accepted);
      case 'done':
        this.unbind(connection);
        scheduler.complete(chunkId, message.position, message.crc, clock.now());
        this.setup.onProgress();
        return this.afterTaskEnded();
      case 'failed':
        this.unbind(connection);
        this.onFailed(chunkId, message.position, message.crc, message.error);
        return this.afterTaskEnded();
      case 'headers':
        return;
    }
  }

  /** Aborts every request; resolves once each one reported where it stopped. */
  stop(): Promise<TransferOutcome> {
    this.finish({ kind: 'stopped' });
    return this.settled();
  }

  /** Resolves once every task of this run has reported where it stopped. */
  private settled(): Promise<TransferOutcome> {
    if (this.taskConnection.size === 0) return Promise.resolve(this.outcome!);
    return new Promise((resolve) => this.drainWaiters.push(() => resolve(this.outcome!)));
  }

  private finish(outcome: TransferOutcome): void {
    if (this.outcome) return;
    this.outcome = outcome;
    this.timers.stop();
    for (const taskId of this.taskConnection.keys()) this.setup.pool.send({ type: 'abort', taskId });
    for (const connection of this.connections) this.setup.pool.release(connection.key);
    void this.settled().then((result) => this.settle?.(result));
  }

  private afterTaskEnded(): void {
    if (this.outcome) return;
    const failure = this.setup.scheduler.firstFailure();
    if (failure) return this.finish({ kind: 'failed', error: failure.lastError! });
    if (this.setup.scheduler.isComplete()) return this.finish({ kind: 'complete' });
    // The first response ended before it could be asked to run on: the job fetches the file whole.
    if (this.oneStream === 'growing' && !this.taskConnection.has(this.firstTaskId!)) {
      return this.finish({ kind: 'range-unsupported' });
    }
    this.rebalance();
  }

  private onFailed(chunkId: number, position: number, crc: number, error: FailureInfo): void {
    const { scheduler, clock } = this.setup;
    const now = clock.now();
    // Once ranges are not trusted, every chunk but the one at byte 0 is given up to the one stream.
    const abandoned = this.oneStream !== undefined && scheduler.get(chunkId)!.start !== 0;
    if (this.outcome || error.code === 'ABORTED' || abandoned) {
      scheduler.release(chunkId, position, crc, now);
      return;
    }
    if (error.code === 'RANGE_UNSUPPORTED') return this.finish({ kind: 'range-unsupported' });
    // A server that keeps answering with other ranges than asked would otherwise be asked forever.
    if (error.code === 'CONTENT_RANGE_MISMATCH' && scheduler.budget.noteRangeLie()) {
      scheduler.release(chunkId, position, crc, now);
      return this.trustNoRanges();
    }
    const { retryAfterMs, ...info } = error;
    if (this.setup.retry.fatalCodes.has(error.code)) {
      scheduler.release(chunkId, position, crc, now);
      return this.finish({ kind: 'failed', error: info });
    }
    const before = scheduler.get(chunkId)!.position;
    const refused = this.noteRefusal(error, position < 0 || position <= before, now);
    const unreachable = refused ? undefined : this.unreachable.next(info, now);
    const failed = { chunkId, position, crc, error: info, now };
    const next = nextAttempt(scheduler, failed, { refused, unreachable, retryAfterMs }, this.setup);
    this.setup.onRetry(next.record);
    if (next.wakeInMs !== undefined) this.timers.wakeAfter(next.wakeInMs);
  }

  /**
   * The server's ranges cannot be trusted. While the first response still streams from byte 0, it
   * is asked to run on to the end of the file and every other request stops; its bytes are then
   * written once more by that stream. Otherwise the run ends and the job fetches the file whole.
   */
  private trustNoRanges(): void {
    const first = this.firstTaskId;
    if (this.oneStream || first === undefined || !this.taskConnection.has(first)) {
      return this.finish({ kind: 'range-unsupported' });
    }
    this.oneStream = 'growing';
    for (const taskId of this.taskConnection.keys()) {
      if (taskId !== first) this.setup.pool.send({ type: 'abort', taskId });
    }
    this.setup.pool.send({ type: 'grow', taskId: first, newEnd: this.setup.expect.totalBytes - 1 });
  }

  private onGrowResult(chunkId: number, accepted: boolean): void {
    if (this.oneStream !== 'growing' || this.outcome) return;
    if (!accepted) return this.finish({ kind: 'range-unsupported' });
    const { scheduler, clock } = this.setup;
    scheduler.collapseInto(chunkId, this.setup.expect.totalBytes - 1);
    this.oneStream = 'one-stream';
    this.setup.onRetry({
      chunkId,
      attempt: scheduler.get(chunkId)!.attempts,
      at: clock.now(),
      error: {
        code: 'RANGE_UNSUPPORTED',
        message: 'the server answered with wrong byte ranges; the first response continues as one stream',
        retryable: true,
      },
    });
    this.afterTaskEnded();
  }

  private onShrinkResult(victimId: number, accepted: boolean): void {
    const thief = this.connections.find((c) => c.split?.victimId === victimId);
    if (!thief?.split) return;
    const { stolen } = thief.split;
    thief.split = undefined;
    // The worker may have shrunk the chunk already; the one stream's grow raises its end again.
    const chunk = this.setup.scheduler.resolveSplit(victimId, accepted && !this.oneStream, stolen);
    if (!chunk || this.outcome) return;
    this.setup.scheduler.assign(chunk, thief.index, this.setup.clock.now());
    this.startChunk(thief, chunk);
  }

  private rebalance(): void {
    if (this.outcome || this.oneStream === 'growing') return;
    this.setup.scheduler.wake(this.setup.clock.now());
    if (this.unreachable.holds(this.setup.clock.now())) return;
    for (const connection of this.connections) {
      if (this.busyCount() >= this.limit()) return;
      if (connection.taskId === undefined && !connection.split) this.fill(connection);
    }
  }

  private fill(connection: Connection): void {
    const { scheduler, clock, pool } = this.setup;
    const allowSplit = this.setup.rangeSupported && !this.oneStream;
    const work = scheduler.nextWork(connection.index, clock.now(), allowSplit);
    if (work.kind === 'start') return this.startChunk(connection, work.chunk);
    if (work.kind !== 'split') return;
    const victimTask = this.connections.find((c) => c.chunkId === work.victim.id)?.taskId;
    if (victimTask === undefined) {
      scheduler.resolveSplit(work.victim.id, false, work.stolen);
      return;
    }
    connection.split = { victimId: work.victim.id, stolen: work.stolen };
    pool.send({ type: 'shrink', taskId: victimTask, newEnd: work.newEnd });
  }

  private startChunk(connection: Connection, chunk: ChunkState): void {
    const listener = (message: WorkerToMain) => this.handle(message);
    const taskId = this.setup.pool.start(chunkRequest(this.setup, connection.key, chunk), listener);
    this.bind(connection, taskId, chunk.id);
  }

  private bind(connection: Connection, taskId: number, chunkId: number): void {
    connection.taskId = taskId;
    connection.chunkId = chunkId;
    this.taskConnection.set(taskId, connection);
  }

  private unbind(connection: Connection): void {
    // A split proposed against this chunk will never be answered: free the connection that waits.
    for (const thief of this.connections)
      if (thief.split?.victimId === connection.chunkId) thief.split = undefined;
    if (connection.taskId !== undefined) this.taskConnection.delete(connection.taskId);
    connection.taskId = undefined;
    connection.chunkId = undefined;
    if (this.taskConnection.size === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }
}
