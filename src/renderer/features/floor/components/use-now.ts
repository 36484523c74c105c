import { useEffect, useState } from 'react';

/** This desk's clock, re-read every `everyMs` (durations and "connection lost" move with it). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
