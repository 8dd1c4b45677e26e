// The renderer's clock, ticking once a second while `ticking`: countdowns redraw themselves without
// any progress traffic from the engine.
import { useEffect, useState } from 'react';

const TICK_MS = 1_000;

export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
