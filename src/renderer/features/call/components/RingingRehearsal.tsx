import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { EMPTY_BOARD, frontCall, reduceCallBoard } from '../../../../shared/domain/call';
import { afterPaint, mark } from '../../../base/perf-marks';
import { useCallBoard, type CallView } from '../../call-session';
import { RingingStrip } from './RingingStrip';

type Stage = 'waiting' | 'drawing' | 'done';

const useRehearsal = create<{ stage: Stage; call: CallView | null }>()(() => ({ stage: 'waiting', call: null }));

/**
 * Draws the ringing strip once, hidden, for a made-up caller, once the desk is idle after its start (app/boot.ts).
 * The first call of a shift is the one that must ring at once, and the first time the strip is drawn its code is
 * compiled (V8's code cache holds only what ran while the page loaded) and its text laid out for the first time: that
 * is done here instead, off the ring's path. A call already on the desk has done it for real: nothing is drawn.
 */
export function rehearseRinging(): void {
  if (useRehearsal.getState().stage !== 'waiting') return;
  if (useCallBoard.getState().call) useRehearsal.setState({ stage: 'done' });
  else useRehearsal.setState({ stage: 'drawing', call: madeUpCall() });
}

/** A call as the board would show it: made by the board's own reducer, so it has every field a real one has. */
const madeUpCall = (): CallView | null =>
  frontCall(
    reduceCallBoard(EMPTY_BOARD, {
      type: 'ringing',
      callId: 'ringing-rehearsal',
      source: 'sip',
      direction: 'inbound',
      caller: { number: '13800000000', name: '' },
      at: 0,
      waiting: false,
      autoAnswerAt: null,
      consultFor: null,
      practice: false,
    }),
  );

/** Where the rehearsal is drawn: in the bar's call row, out of sight, out of the accessibility tree and of the tab order. */
export function RingingRehearsal() {
  const stage = useRehearsal((state) => state.stage);
  const call = useRehearsal((state) => state.call);
  const realCall = useCallBoard((state) => state.call !== null);
  const drawing = stage === 'drawing' && !realCall && call !== null;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stage !== 'drawing') return;
    // Gone once the frame that laid it out has been drawn (or at once if a real call came first).
    afterPaint(() => {
      const element = box.current;
      // What was laid out, for the lab test (the frame's layout is done: reading it costs nothing).
      if (element) mark('hotline:ringing-rehearsed', JSON.stringify({ answerWidth: element.querySelector('button')?.getBoundingClientRect().width ?? 0, visibility: getComputedStyle(element).visibility }));
      useRehearsal.setState({ stage: 'done', call: null });
    });
  }, [stage]);
  if (!drawing || !call) return null;
  return (
    <div className="call-strip-rehearsal" ref={box} aria-hidden="true" inert>
      <RingingStrip call={call} rehearsal />
    </div>
  );
}
