// A ranged download's other connections are opened while its file is prepared (the name, the lock,
// the part file, the first journal), so their first requests go out the moment the plan exists
// rather than a TCP and TLS handshake later: a round trip or three each on a real link.
import { proxyUrlFor } from '../fetch/proxy-config';
import type { RunSetup } from './job-run';
import { connectionKeyOf } from './transfer-setup';

/** Opens the connections the run will want besides the first request's; returns their keys. */
export function warmConnections(setup: RunSetup, finalUrl: string, totalBytes: number): string[] {
  const { settings, env } = setup;
  // No more than the plan can keep busy: a chunk is never split below minSplitBytes.
  const useful = Math.min(setup.budget.grant(), Math.floor(totalBytes / settings.minSplitBytes));
  if (useful < 2) return [];
  let proxy: string | undefined;
  try {
    proxy = proxyUrlFor(finalUrl, setup.options.proxy, settings, env.proxyEnvironment);
  } catch {
    // An unusable proxy is reported by the transfer's own requests.
    return [];
  }
  const timeouts = env.timeouts();
  const keys: string[] = [];
  for (let index = 1; index < useful; index++) {
    const connectionKey = connectionKeyOf(setup.id, index);
    env.pool.warm({ type: 'warm', connectionKey, url: finalUrl, ...(proxy ? { proxy } : {}), timeouts });
    keys.push(connectionKey);
  }
  // Counted at once: another download deciding now must see them taken from a global cap.
  setup.onOpenedAhead(1 + keys.length);
  return keys;
}
