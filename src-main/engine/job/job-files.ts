// What one download has on disk and has reached: its current (or last) run, where its bytes are,
// what an earlier process recorded, and the time spent running. Forgetting them together is the one
// way back to the first byte.
import fs from 'node:fs';
import { removeJournal, type JournalData } from '../storage/journal';
import { lockName, type NameLock } from '../storage/name-lock';
import type { DownloadPaths } from '../storage/part-file';
import { ActiveTime } from './active-time';
import type { RestoredState } from './job-record';
import type { JobRun } from './job-run';
import { recordRun, type RecordedProgress } from './recorded-progress';

export interface StoredName {
  paths: DownloadPaths;
  fileName: string;
}

export class JobFiles {
  /** The current run, or the last one while paused or failed (its bytes are where a resume starts). */
  run?: JobRun;
  /** Where the bytes are kept, and the name lock held for them while the download is unfinished. */
  private known?: StoredName & { lock?: NameLock };
  /** What an earlier process recorded; shown until this process starts a run. */
  private recorded?: RecordedProgress;
  readonly activeTime: ActiveTime;

  constructor(restored: RestoredState) {
    this.known = restored.known;
    this.recorded = restored.progress;
    this.activeTime = new ActiveTime(restored.progress?.activeMs ?? 0);
  }

  get storage(): StoredName | undefined {
    return this.run ? { paths: this.run.paths, fileName: this.run.fileName } : this.known;
  }

  /** Where the next run continues: the name already used, and what this process knows of its bytes. */
  resumeFrom(): { known?: StoredName; inMemory?: JournalData } {
    return {
      ...(this.known ? { known: this.known } : {}),
      ...(this.run ? { inMemory: this.run.journalData() } : {}),
    };
  }

  adopt(run: JobRun): void {
    this.known = { paths: run.paths, fileName: run.fileName, lock: run.lock };
    this.run = run;
  }

  /** What the download reached: the live run's state, or what an earlier process recorded. */
  progress(now: number): RecordedProgress | undefined {
    const activeMs = this.activeTime.at(now);
    if (this.run) return recordRun(this.run.remote, this.run.remote.finalUrl, this.run.scheduler, activeMs);
    return this.recorded && { ...this.recorded, activeMs };
  }

  /** The name lock this process holds for the download, if any. */
  get lock(): NameLock | undefined {
    return this.known?.lock;
  }

  /** A download restored unfinished takes its name back, as its earlier process held it. */
  async holdName(): Promise<void> {
    if (!this.known || this.known.lock) return;
    const lock = await lockName(this.known.paths.partPath);
    if (lock) this.known = { ...this.known, lock };
  }

  /** The process stops speaking for this download: its name is free until a restart takes it back. */
  async releaseName(): Promise<void> {
    await this.known?.lock?.release();
  }

  /** Forgets everything written so far and frees the name: the next run starts from the first byte. */
  async discard(now: number): Promise<void> {
    const paths = this.storage?.paths;
    const lock = this.known?.lock;
    this.run = undefined;
    this.known = undefined;
    this.recorded = undefined;
    this.activeTime.reset(now);
    if (!paths) return;
    await fs.promises.rm(paths.partPath, { force: true });
    await removeJournal(paths.journalPath);
    await lock?.release();
  }
}
