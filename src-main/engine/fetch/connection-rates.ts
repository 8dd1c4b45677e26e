// Speed limits per connection: the global limit's share applies to every connection, a download's
// own limit's share to the connections whose key starts with its prefix; the lower one wins.
export class ConnectionRates {
  private global = 0;
  private readonly byPrefix = new Map<string, number>();

  /** 0 removes the limit. Without a prefix it is the global share. */
  set(bytesPerSecond: number, connectionKeyPrefix?: string): void {
    if (connectionKeyPrefix === undefined) this.global = bytesPerSecond;
    else if (bytesPerSecond > 0) this.byPrefix.set(connectionKeyPrefix, bytesPerSecond);
    else this.byPrefix.delete(connectionKeyPrefix);
  }

  /** Bytes per second for this connection; 0 = unlimited. */
  rateFor(connectionKey: string): number {
    let rate = this.global;
    for (const [prefix, limit] of this.byPrefix) {
      if (connectionKey.startsWith(prefix) && (rate === 0 || limit < rate)) rate = limit;
    }
    return rate;
  }
}
