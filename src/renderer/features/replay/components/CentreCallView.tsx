import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCentreCallsStore } from '../centre-calls-store';
import { useCentreReview } from '../centre-review-store';
import { CentreReviewPanel } from './CentreReviewPanel';
import { useProblemText } from './centre-problem-text';

/**
 * The centre's call chosen in CentreCallList, in the main pane: its recording
 * (fetched from the centre) and the centre's review of it. The note's moment
 * is where the player stands.
 */
export function CentreCallView() {
  const { t } = useTranslation('replay');
  const playing = useCentreCallsStore((state) => state.playing);
  const reviewing = useCentreReview((state) => state.callId);
  const audio = useRef<HTMLAudioElement | null>(null);
  const say = useProblemText();
  if (!playing && !reviewing) return <p className="replay__muted">{t('centre.choose')}</p>;
  return (
    <div className="replay-centre" data-testid="centre-call-view">
      {playing ? (
        <div className="replay-centre__player" data-testid="centre-player">
          {playing.problem ? <p className="replay__error" role="alert">{say(playing.problem)}</p> : null}
          {!playing.problem && playing.url === null ? <p className="replay__muted">{t('centre.fetching')}</p> : null}
          {playing.url ? <audio ref={audio} controls src={playing.url} /> : null}
        </div>
      ) : null}
      <CentreReviewPanel callId={reviewing} at={() => (audio.current?.currentTime ?? 0) * 1000} />
    </div>
  );
}
