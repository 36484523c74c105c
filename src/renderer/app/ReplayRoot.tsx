import { useEffect, useRef, useState, type ReactNode } from 'react';
import { withNamespace } from '../i18n/i18n';
import { lazyPart } from './lazy-part';

// The trainer's screen (waveforms, scorecards): its code loads when it is opened, never at a desk's start.
const ReplayScreen = lazyPart(withNamespace('replay', () => import('../features/replay').then((replay) => replay.ReplayScreen)));

const isReplay = () => location.hash.startsWith('#/replay');

/**
 * The window shows the desk, or the trainer's replay at #/replay. A window
 * opened on the replay starts no phone; `onDesk` starts it (once) the first
 * time the desk is shown there.
 */
export function ReplayRoot({ desk, onDesk }: { desk: ReactNode; onDesk: () => void }) {
  const [replay, setReplay] = useState(isReplay);
  const deskStarted = useRef(!isReplay());
  useEffect(() => {
    const follow = () => {
      const next = isReplay();
      if (!next && !deskStarted.current) {
        deskStarted.current = true;
        onDesk();
      }
      setReplay(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [onDesk]);
  return replay ? <ReplayScreen /> : desk;
}
