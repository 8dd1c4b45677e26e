// The retry budget of one download, shared by all its chunks so that splitting a failing chunk does
// not buy it fresh attempts. Pure counting: the scheduler reports failures and new bytes.
import type { ErrorCode } from '../../../src-shared/download-types';
import { DEFAULT_RETRY_POLICY, DOWNLOAD_RETRY_FACTOR } from '../fetch/retry-policy';

export class RetryBudget {
  /** Failed attempts, in any chunk, since a new byte last arrived anywhere in the download. */
  private failuresSinceProgress = 0;
  /** Malformed responses: a server that frames a response wrongly usually does so every time. */
  private protocolFailures = 0;
  /** Answers with a Content-Range other than the one asked for. */
  private rangeLies = 0;

  constructor(private readonly maxRetries: number) {}

  /** New bytes arrived: progress counts as success. */
  progressed(): void {
    this.failuresSinceProgress = 0;
  }

  /** Records a failed attempt; returns whether the download may still retry. */
  allowsRetry(code: ErrorCode, progressed: boolean, chunkFailures: number): boolean {
    if (!progressed) this.failuresSinceProgress += 1;
    if (code === 'PROTOCOL_ERROR') this.protocolFailures += 1;
    return (
      chunkFailures <= this.maxRetries &&
      this.failuresSinceProgress <= this.maxRetries * DOWNLOAD_RETRY_FACTOR &&
      this.protocolFailures <= Math.min(this.maxRetries, DEFAULT_RETRY_POLICY.maxProtocolRetries)
    );
  }

  /** Counts a wrong Content-Range; true once the server lied often enough to stop asking for ranges. */
  noteRangeLie(): boolean {
    this.rangeLies += 1;
    return this.rangeLies >= DEFAULT_RETRY_POLICY.rangeLiesBeforeOneStream;
  }
}
