import { useTranslation } from 'react-i18next';
import { SCRIPT_STEP_IDS } from '../../../../shared/guidance/scripts/steps';
import { copyText, toggleStep } from '../guidance-desk';
import { useGuidanceStore } from '../guidance-store';
import { currentStep } from '../script-progress';
import { useLang } from './use-lang';

/** The call script: seven steps in order, the current one open, its phrases click-to-copy. */
export function ScriptPanel() {
  const { t } = useTranslation('guidance');
  const { say } = useLang();
  const pack = useGuidanceStore((state) => state.pack);
  const ticks = useGuidanceStore((state) => state.ticks);
  const values = useGuidanceStore((state) => state.values);
  const copied = useGuidanceStore((state) => state.copied);
  const live = useGuidanceStore((state) => state.live);
  const current = currentStep(ticks);

  return (
    <section className="panel guidance-script" data-testid="script-panel" aria-label={t('guidance.script.title')}>
      <h2 className="panel__title">{t('guidance.script.title')}</h2>
      <ol className="guidance-steps">
        {SCRIPT_STEP_IDS.map((id) => {
          const step = pack?.steps.find((candidate) => candidate.id === id);
          if (!step) return null;
          const tick = ticks[id];
          const isCurrent = id === current && !tick;
          const state = tick ? 'done' : isCurrent ? 'current' : 'todo';
          return (
            <li key={id} className={`guidance-step guidance-step--${state}`} data-testid={`script-step-${id}`} data-state={state} aria-current={isCurrent ? 'step' : undefined}>
              <div className="guidance-step__head">
                <label className="guidance-step__tick">
                  <input type="checkbox" checked={Boolean(tick)} disabled={!live && !tick} onChange={() => toggleStep(id)} data-testid={`script-step-toggle-${id}`} />
                  <span className="guidance-step__title">{say(step.title)}</span>
                </label>
                {tick && <span className="guidance-step__by muted">{t(tick.by === 'agent' ? 'guidance.script.byAgent' : `guidance.script.auto.${tick.reason ?? 'call-ended'}`)}</span>}
              </div>
              {isCurrent && (
                <>
                  <p className="guidance-step__goal muted">{say(step.goal)}</p>
                  <ul className="guidance-phrases">
                    {step.phrases.map((phrase) => {
                      const text = say(phrase.text, values);
                      const copiedId = `phrase:${phrase.id}`;
                      return (
                        <li key={phrase.id}>
                          <button type="button" className="guidance-phrase" data-testid={`script-phrase-${phrase.id}`} onClick={() => void copyText(copiedId, text)} title={t('guidance.copy')}>
                            {text}
                            {copied === copiedId && <span className="guidance-copied">{t('guidance.copied')}</span>}
                          </button>
                          {phrase.note && <span className="guidance-phrase__note muted">{say(phrase.note)}</span>}
                        </li>
                      );
                    })}
                  </ul>
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
