import { useEffect, useState } from 'react';
import { formatDuration } from '../../../format/clock';

const wholeSecondsSince = (at: number): number => Math.max(0, Math.floor((Date.now() - at) / 1000));

/** mm:ss since the call was answered; frozen at the end time once it ended. */
export function CallTimer({ answeredAt, endedAt }: { answeredAt: number; endedAt: number | null }) {
  // Whole seconds are the state: checked four times a second so the text turns on time, but
  // React re-renders only when the second changes (setting an equal number is skipped).
  const [seconds, setSeconds] = useState(() => wholeSecondsSince(answeredAt));
  useEffect(() => {
    if (endedAt !== null) return;
    const interval = setInterval(() => setSeconds(wholeSecondsSince(answeredAt)), 250);
    return () => clearInterval(interval);
  }, [answeredAt, endedAt]);
  return (
    <span className="call-timer" data-testid="call-timer">
      {formatDuration(endedAt !== null ? endedAt - answeredAt : seconds * 1000)}
    </span>
  );
}
