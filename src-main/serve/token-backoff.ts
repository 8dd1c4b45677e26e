// Slows down guessing of the `pdl serve` token: after a few wrong tokens from one client address,
// further attempts are refused unchecked for a doubling wait. The token has 256 random bits, so this
// is not what keeps it secret; it keeps a runaway script from flooding the server and its logs.

/** Wrong tokens allowed before waits start (typos, an old link from a previous start). */
const FREE_FAILURES = 3;
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;
/** Clients remembered at most; the oldest is forgotten first. */
const MAX_CLIENTS = 1_000;

export type BackoffVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export interface TokenBackoff {
  /** May this client try a token now? */
  check(client: string): BackoffVerdict;
  failed(client: string): void;
  succeeded(client: string): void;
}

interface ClientRecord {
  failures: number;
  blockedUntil: number;
}

export function createTokenBackoff(now: () => number): TokenBackoff {
  const clients = new Map<string, ClientRecord>();
  return {
    check(client) {
      const record = clients.get(client);
      const wait = record ? record.blockedUntil - now() : 0;
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    failed(client) {
      const record = clients.get(client) ?? { failures: 0, blockedUntil: 0 };
      clients.delete(client);
      record.failures += 1;
      const extra = record.failures - FREE_FAILURES;
      if (extra > 0) record.blockedUntil = now() + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (extra - 1));
      clients.set(client, record);
      if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
    },
    succeeded(client) {
      clients.delete(client);
    },
  };
}
