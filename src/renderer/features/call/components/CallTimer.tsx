import { useEffect, useState } from 'react';
import { formatDuration } from '../../../format/clock';

/** mm:ss since the call was answered; frozen at the end time once it ended. */
export function CallTimer({ answeredAt, endedAt }: { answeredAt: number; endedAt: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endedAt !== null) return;
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, [endedAt]);
  return (
    <span className="call-timer" data-testid="call-timer">
      {formatDuration((endedAt ?? now) - answeredAt)}
    </span>
  );
}
