import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { markPainted } from '../../../base/perf-marks';
import { callActions, type CallView } from '../../call-session';
import { AutoAnswerCountdown } from './AutoAnswerCountdown';
import { CallerIdentity } from './CallerIdentity';
import { ShortcutHint } from './ShortcutHint';

/**
 * A ringing call: who is calling, Answer or Decline, in the bar that nothing covers. `rehearsal`: drawn hidden ahead of
 * the first call (RingingRehearsal), with no test ids and no marks, so nothing takes it for a call.
 */
export function RingingStrip({ call, rehearsal = false }: { call: CallView; rehearsal?: boolean }) {
  const { t } = useTranslation();
  const testId = (id: string) => (rehearsal ? undefined : id);
  useEffect(() => {
    if (rehearsal) return;
    markPainted('hotline:ringing-painted', call.id, { name: 'hotline:ringing-rendered', at: performance.now() });
  }, [call.id, rehearsal]);

  return (
    <section className="call-strip call-strip--ringing" data-testid={testId('incoming-call')} aria-live="assertive" aria-label={t('call.incomingTitle')}>
      <span className="call-strip__phase">{t('call.incomingTitle')}</span>
      <CallerIdentity call={call} numberTestId={testId('incoming-number')} nameTestId={testId('incoming-name')} />
      <AutoAnswerCountdown call={call} />
      <span className="call-strip__buttons">
        <Button
          theme="success"
          size="large"
          data-testid={testId('answer-button')}
          // A mouse answers on the press: a click's press lasts ~100 ms before the release that fires onClick, and the
          // caller waits for all of it. The keyboard (Enter, Space) still answers through onClick; a second answer of the
          // same call does nothing. Decline stays on the click (a press can still slide off it).
          onPointerDown={(event) => {
            if (event.pointerType === 'mouse' && event.button === 0) void callActions.answer(call.id);
          }}
          onClick={() => void callActions.answer(call.id)}
        >
          {t('call.answer')}
          <ShortcutHint action="answer" />
        </Button>
        <Button theme="danger" variant="outline" size="large" data-testid={testId('decline-button')} onClick={() => void callActions.decline(call.id)}>
          {t('call.decline')}
        </Button>
      </span>
    </section>
  );
}
