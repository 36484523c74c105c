import { startTransition, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallLogTable } from '../features/call-log';
import { useCallBoard } from '../features/call-session';
import { Dialer, callBack } from '../features/dialer';
import { GuidancePanel, PROMPT_HIGHLIGHT_CLASS, useNewestPrompt, useNewPromptHighlight } from '../features/guidance';
import { CallerHistoryPanel } from '../features/history';
import { PracticeSubtitles } from '../features/practice';
import { UnsentDrafts, WorkOrderList, WorkOrderPanel } from '../features/work-order';
import { afterPaint } from '../base/perf-marks';
import { withNamespace } from '../i18n/i18n';
import { lazyPart } from './lazy-part';

// The knowledge search is for a call in progress: its code loads once the desk is idle after start, not before
// the phone registers, and it joins the guidance pane just after the ringing panel is painted, not in that frame.
const KnowledgePane = lazyPart(withNamespace('knowledge', () => import('../features/knowledge').then((knowledge) => knowledge.KnowledgePane)), { warm: true });
// A trainee's feedback after a practice call (the scorecard): not on the first screen.
const CallFeedback = lazyPart(() => import('../features/scorecard').then((scorecard) => scorecard.CallFeedback), { warm: true });
const practiceFeedback = (callId: string) => <CallFeedback callId={callId} />;

/**
 * Three panes that fill the screen under the softphone bar: the caller, the
 * guidance, the work order. Each scrolls inside itself; the page never scrolls,
 * so the call's buttons and prompts stay where the agent last saw them.
 */
export function MainScreen() {
  const { t } = useTranslation();
  // A live call: the caller, the guidance and the work order. After an answered call the guidance stays (closing
  // steps, a recovery break after abuse) beside its work order, and the dial pad and recent calls come back.
  const inCall = useCallBoard((state) => state.call !== null && state.call.phase !== 'ended');
  const withGuidance = useCallBoard((state) => state.call !== null && (state.call.phase !== 'ended' || state.call.answeredAt !== null));
  const frontId = useCallBoard((state) => state.call?.id ?? null);
  const guidancePane = useRef<HTMLElement>(null);
  const newestId = useNewestPrompt()?.id ?? null;
  const highlight = useNewPromptHighlight();
  // A new prompt comes to where the agent looks: the guidance pane scrolls to its top, where prompts are.
  useEffect(() => {
    if (newestId) guidancePane.current?.scrollTo({ top: 0 });
  }, [newestId]);
  return (
    <main className={withGuidance ? 'desk-panes' : 'desk-panes desk-panes--idle'}>
      <section className="pane pane--caller" aria-label={t('panes.caller')} data-testid="pane-caller">
        <CallerHistoryPanel />
        {!inCall && <Dialer />}
        {!inCall && <CallLogTable onCall={callBack} />}
      </section>
      {withGuidance && (
        <section
          ref={guidancePane}
          className={`pane pane--guidance${highlight ? ` ${PROMPT_HIGHLIGHT_CLASS}` : ''}`}
          aria-label={t('panes.guidance')}
          data-testid="pane-guidance"
        >
          {frontId && <PracticeSubtitles callId={frontId} feedback={practiceFeedback} />}
          <GuidancePanel />
          <KnowledgeAfterPaint />
        </section>
      )}
      <section className="pane pane--ticket" aria-label={t('panes.workOrder')} data-testid="pane-work-order">
        <UnsentDrafts />
        <WorkOrderPanel />
        {!inCall && <WorkOrderList />}
      </section>
    </main>
  );
}

/**
 * The knowledge search, from the first painted frame of the guidance pane on. Its own component, so that only it
 * renders then, not the screen's panes; and as a transition, which React renders in slices that give way to input:
 * an Answer pressed at once is not queued behind the part's first render.
 */
function KnowledgeAfterPaint() {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let live = true;
    afterPaint(() => {
      if (live) startTransition(() => setPainted(true));
    });
    return () => {
      live = false;
    };
  }, []);
  return painted ? <KnowledgePane /> : null;
}
