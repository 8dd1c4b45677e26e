// One run of a download from its first request to its end: verified bytes, a checksum mismatch, a
// stop or a failure. The job decides what each end means for its status; this only drives the run.
import { DownloadError } from '../errors';
import type { FirstRequest, FirstResponse } from '../fetch/first-request';
import type { JournalData } from '../storage/journal';
import { ensureDirectory } from '../storage/part-file';
import type { ConnectionBudget } from './host-connections';
import type { StoredName } from './job-files';
import { JobRun, type RunOutcome, type RunSetup } from './job-run';
import { firstRequestOf, runSetupOf, type RunConfig } from './run-config';

export interface AttemptContext extends Pick<
  RunSetup,
  'onProgress' | 'onConnections' | 'onOpenedAhead' | 'onVerifying'
> {
  config: RunConfig;
  /** The download's own URL, or a replacement for an expired one. */
  url: string;
  known?: StoredName;
  inMemory?: JournalData;
  /** The connection budget for the host that answered. */
  budgetFor(host: string): ConnectionBudget;
  /** A pause, cancel or quit was asked for. */
  stopped(): boolean;
  /** The request a stop has to end while no run exists yet. */
  onFirstRequest(request: FirstRequest): void;
  onRun(run: JobRun): void;
  onDownloading(): void;
}

export type AttemptEnd = RunOutcome | { kind: 'failed'; error: DownloadError };

const STOPPED: AttemptEnd = { kind: 'stopped' };

export async function runAttempt(context: AttemptContext): Promise<AttemptEnd> {
  const { config, known, inMemory } = context;
  const request = firstRequestOf(config, context.url);
  context.onFirstRequest(request);
  let response: FirstResponse | undefined;
  try {
    await ensureDirectory(config.directory);
    if (!context.stopped()) response = await request.open();
    if (!response || context.stopped()) {
      response?.abandon();
      return STOPPED;
    }
    const budget = context.budgetFor(new URL(response.meta.finalUrl).host);
    const { onProgress, onConnections, onOpenedAhead, onVerifying } = context;
    const parts = { known, inMemory, budget, onProgress, onConnections, onOpenedAhead, onVerifying };
    const setup = runSetupOf(config, parts);
    const run = await JobRun.open(setup, response);
    context.onRun(run);
    if (context.stopped()) {
      response.abandon();
      return STOPPED;
    }
    context.onDownloading();
    return await run.execute(response);
  } catch (err) {
    response?.abandon();
    return { kind: 'failed', error: DownloadError.from(err) };
  } finally {
    request.stop();
  }
}
