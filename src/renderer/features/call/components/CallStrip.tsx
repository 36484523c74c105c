import { useCallBoard } from '../../call-session';
import { DialingStrip } from './DialingStrip';
import { EndedStrip } from './EndedStrip';
import { RingingStrip } from './RingingStrip';
import { TalkingStrip } from './TalkingStrip';

/**
 * The call in front, in the softphone bar: who, how long, and the buttons of its phase (keyed by call: an open keypad
 * never carries over to another call). `badges`: other features' word on the answered call (recording), shown in its row.
 */
export function CallStrip({ idle, badges = null }: { idle: React.ReactNode; badges?: React.ReactNode }) {
  const call = useCallBoard((state) => state.call);
  // A call that ended unanswered (declined, missed, refused) leaves nothing to show: the bar is idle again.
  if (!call || (call.phase === 'ended' && call.answeredAt === null)) return <>{idle}</>;
  switch (call.phase) {
    case 'ringing':
      return <RingingStrip key={call.id} call={call} />;
    case 'dialing':
      return <DialingStrip key={call.id} call={call} />;
    case 'active':
      return <TalkingStrip key={call.id} call={call} badges={badges} />;
    case 'ended':
      return <EndedStrip key={call.id} call={call} />;
  }
}
