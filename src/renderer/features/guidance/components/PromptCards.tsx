import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { GuidancePrompt } from '../../../../shared/guidance/rules/types';
import { acknowledge, advance, answerRecovery, dismiss, promptPainted, promptLineUsed } from '../guidance-desk';
import { useGuidanceStore } from '../guidance-store';
import { useFreshFor } from '../prompt-attention';
import { useLang } from './use-lang';

/**
 * The engine's prompts, highest priority first, at most two. The emergency is
 * not among them: it has its own card (EmergencyStrip), which cannot be dismissed.
 */
export function PromptCards() {
  const all = useGuidanceStore((state) => state.prompts);
  const prompts = all.filter((prompt) => prompt.kind !== 'emergency');
  if (prompts.length === 0) return null;
  return (
    <div className="guidance-prompts" data-testid="prompt-cards" aria-live="assertive">
      {prompts.map((prompt) => (
        <PromptCard key={prompt.id} prompt={prompt} />
      ))}
    </div>
  );
}

function PromptCard({ prompt }: { prompt: GuidancePrompt }) {
  const { t } = useTranslation('guidance');
  const { say } = useLang();
  const ref = useRef<HTMLElement>(null);
  const id = prompt.id;
  const fresh = useFreshFor(id);

  // Measured from the signal to the frame after this card was committed: what the agent sees.
  useEffect(() => {
    const frame = requestAnimationFrame(() => promptPainted(id));
    return () => cancelAnimationFrame(frame);
  }, [id]);

  const title = say(prompt.title);
  const step = prompt.step;
  return (
    <section
      ref={ref}
      className={`guidance-card guidance-card--${prompt.severity}${fresh ? ' guidance-card--new' : ''}`}
      data-testid="prompt-card"
      data-kind={prompt.kind}
      data-key={prompt.key}
      data-prompt-id={prompt.id}
      role={prompt.severity === 'critical' ? 'alert' : 'status'}
    >
      <header className="guidance-card__head">
        <h3 className="guidance-card__title">{title}</h3>
        {step && step.count > 1 && <span className="muted">{t('guidance.prompt.step', { index: step.index + 1, count: step.count })}</span>}
      </header>
      {prompt.fourPart ? <FourPart prompt={prompt} /> : <Lines prompt={prompt} />}
      {prompt.channel && (
        <p className="guidance-card__channel" data-testid="prompt-channel">
          {t('guidance.prompt.channel')}: {say(prompt.channel)}
        </p>
      )}
      {prompt.matchedTerms && prompt.matchedTerms.length > 0 && (
        <p className="guidance-card__terms">{t('guidance.prompt.matched', { terms: prompt.matchedTerms.join('、') })}</p>
      )}
      {prompt.kind === 'recovery-break' ? (
        <RecoveryActions />
      ) : (
        <div className="guidance-card__actions">
          {step && step.index < step.count - 1 && (
            <Button size="small" theme="primary" data-testid="prompt-next" onClick={() => advance(prompt)}>
              {t('guidance.prompt.next')}
            </Button>
          )}
          <Button size="small" variant="outline" data-testid="prompt-ack" onClick={() => acknowledge(prompt)}>
            {t('guidance.prompt.acknowledge')}
          </Button>
          <Button size="small" variant="text" data-testid="prompt-dismiss" onClick={() => dismiss(prompt)}>
            {t('guidance.prompt.dismiss')}
          </Button>
        </div>
      )}
    </section>
  );
}

function Lines({ prompt }: { prompt: GuidancePrompt }) {
  const { say } = useLang();
  const values = useGuidanceStore((state) => state.values);
  const current = prompt.step?.index;
  return (
    <ol className="guidance-card__lines">
      {prompt.lines.map((line, index) => {
        const text = say(line, values);
        return (
          <li key={index} className={current === index ? 'guidance-line guidance-line--current' : 'guidance-line'}>
            <button type="button" className="guidance-phrase" data-testid="prompt-line" onClick={() => promptLineUsed(prompt, index, text)}>
              {text}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

const PARTS = ['restate', 'acknowledge', 'suggest', 'confirm'] as const;

/** The four-part formula, filled: restate + acknowledge the feeling + suggest + ask for agreement. */
function FourPart({ prompt }: { prompt: GuidancePrompt }) {
  const { t } = useTranslation('guidance');
  const { say } = useLang();
  const values = useGuidanceStore((state) => state.values);
  const parts = prompt.fourPart!;
  return (
    <ol className="guidance-four-part" data-testid="four-part">
      {PARTS.map((part, index) => {
        const text = say(parts[part], values);
        return (
          <li key={part} data-testid={`four-part-${part}`}>
            <span className="guidance-four-part__label">{t(`guidance.fourPart.${part}`)}</span>
            <button type="button" className="guidance-phrase" onClick={() => promptLineUsed(prompt, index, text)}>
              {text}
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function RecoveryActions() {
  const { t } = useTranslation('guidance');
  const recovery = useGuidanceStore((state) => state.recovery);
  if (recovery !== 'offered') return <p className="muted">{t(`guidance.recovery.${recovery === 'accepted' ? 'accepted' : 'declined'}`)}</p>;
  return (
    <div className="guidance-card__actions">
      <Button size="small" theme="primary" data-testid="recovery-accept" onClick={() => answerRecovery(true)}>
        {t('guidance.recovery.accept')}
      </Button>
      <Button size="small" variant="text" data-testid="recovery-decline" onClick={() => answerRecovery(false)}>
        {t('guidance.recovery.decline')}
      </Button>
    </div>
  );
}
