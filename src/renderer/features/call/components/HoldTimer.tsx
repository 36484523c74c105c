import { useEffect, useState } from 'react';
import { formatDuration } from '../../../format/clock';

/** How long the caller has been waiting on hold. */
export function HoldTimer({ heldAt }: { heldAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(interval);
  }, [heldAt]);
  return (
    <span className="hold-timer" data-testid="hold-timer">
      {formatDuration(Math.max(0, now - heldAt))}
    </span>
  );
}
