// How a download's run is configured from its options, the settings and the engine's machinery:
// the first request, and what `JobRun` needs once that request was answered.
import type { AddDownloadOptions, EngineSettings, RetryRecord } from '../../../src-shared/download-types';
import { FirstRequest } from '../fetch/first-request';
import { proxyUrlFor } from '../fetch/proxy-config';
import { retryPolicyFor } from '../fetch/retry-policy';
import type { ConnectionBudget } from './host-connections';
import type { RunEnv, RunSetup } from './job-run';
import { connectionKeyOf } from './transfer-setup';

export interface RunConfig {
  id: string;
  options: AddDownloadOptions;
  settings: EngineSettings;
  directory: string;
  env: RunEnv;
  onRetry: (record: RetryRecord) => void;
}

/** The first request of a run, to `url` (the download's own, or a replacement for an expired one). */
export function firstRequestOf(config: RunConfig, url: string): FirstRequest {
  const { options, settings, env } = config;
  return new FirstRequest({
    pool: env.pool,
    clock: env.clock,
    connectionKey: connectionKeyOf(config.id, 0),
    url,
    extraHeaders: options.headers ?? {},
    proxy: (target) => proxyUrlFor(target, options.proxy, settings, env.proxyEnvironment),
    timeouts: env.timeouts(),
    retry: retryPolicyFor(settings),
    onRetry: config.onRetry,
  });
}

export function runSetupOf(
  config: RunConfig,
  parts: Pick<
    RunSetup,
    'known' | 'inMemory' | 'onProgress' | 'onConnections' | 'onOpenedAhead' | 'onVerifying'
  > & {
    budget: ConnectionBudget;
  },
): RunSetup {
  const { known, inMemory, ...rest } = parts;
  return {
    id: config.id,
    options: config.options,
    settings: config.settings,
    directory: config.directory,
    ...(known ? { known } : {}),
    // A journal that could not be written (a full disk) must not cost what this process knows.
    ...(inMemory ? { inMemory } : {}),
    env: config.env,
    onRetry: config.onRetry,
    ...rest,
  };
}
