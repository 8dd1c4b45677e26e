// The one owner of what the engine learned about each host's connection limit. The rule, written
// once:
// - Lowered only by clear evidence: a 429/503, or a connection refused or reset before any byte,
//   while other connections to the host are transferring. The limit becomes the number that work.
// - Recovers with time: every RECOVERY_STEP_MS without new evidence allows one more connection, and
//   once it reaches MAX_CONNECTIONS_PER_HOST the host counts as unlimited again.
// - The UI learns it from each download's snapshot (`hostConnectionLimit`), absent when unlimited.
import type { Clock } from '../clock';

export const RECOVERY_STEP_MS = 30_000;
/** Also the most connections one download may ask for. */
export const MAX_CONNECTIONS_PER_HOST = 32;

/** How many connections one run may use. */
export interface ConnectionBudget {
  /** Connections to use now: what the download wants, within the host's and the global limit. */
  grant(): number;
  /** What the host is believed to allow now; undefined = not limited. */
  hostLimit(): number | undefined;
  /** The host refused one more connection while `working` were transferring. */
  noteRefusal(working: number): void;
}

interface Learned {
  limit: number;
  at: number;
}

export class HostConnectionLimits {
  private readonly learned = new Map<string, Learned>();

  constructor(private readonly clock: Clock) {}

  /** The connections the host is believed to allow now, undefined when it is not limited. */
  limitFor(host: string): number | undefined {
    const entry = this.learned.get(host);
    if (!entry) return undefined;
    const recovered = entry.limit + Math.floor((this.clock.now() - entry.at) / RECOVERY_STEP_MS);
    if (recovered < MAX_CONNECTIONS_PER_HOST) return recovered;
    this.learned.delete(host);
    return undefined;
  }

  /** The host refused one more connection while `working` of ours were transferring. */
  noteRefusal(host: string, working: number): number {
    const limit = Math.max(1, Math.min(working, this.limitFor(host) ?? MAX_CONNECTIONS_PER_HOST));
    this.learned.set(host, { limit, at: this.clock.now() });
    return limit;
  }

  /** The budget of one run to `host` that wants `wanted` connections; `allowance` is the global share. */
  budgetFor(host: string, wanted: number, allowance: () => number): ConnectionBudget {
    const asked = Math.max(1, Math.min(MAX_CONNECTIONS_PER_HOST, wanted));
    return {
      grant: () => Math.min(asked, this.limitFor(host) ?? asked, allowance()),
      hostLimit: () => this.limitFor(host),
      noteRefusal: (working) => void this.noteRefusal(host, working),
    };
  }
}
