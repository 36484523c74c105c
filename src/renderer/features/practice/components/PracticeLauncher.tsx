import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog, Input } from 'tdesign-react';
import type { Language } from '../../../../shared/domain/settings';
import { bundledScenarios } from '../../../../shared/practice';
import { usePhoneStore } from '../../phone';
import { useSignInStore } from '../../sign-in';
import { startPracticeCall } from '../practice-desk';
import { putPracticeScript } from '../practice-store';
import { PracticeHistory } from './PracticeHistory';
import { PracticeReview } from './PracticeReview';
import '../practice.css';

/**
 * "练习通话 / Practice call": a button that opens the list of scenarios;
 * choosing one makes its caller ring on this desk, with no PBX and no network.
 */
export function PracticeLauncher({
  disabled = false,
  label,
  onStart,
}: {
  disabled?: boolean;
  /** The button's words; default 练习通话 / Practice call. */
  label?: string;
  /** Before the caller rings (the sign-in page switches to the desk). */
  onStart?: () => void;
}) {
  const { t, i18n } = useTranslation('practice');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [open, setOpen] = useState(false);
  // A trainer with a phone can play the caller live: the trainee's extension, then 呼叫学员 on a scenario.
  const registered = usePhoneStore((state) => state.registration.status === 'registered');
  const [trainee, setTrainee] = useState('');
  // A trainer, lead or admin signed in to the centre sees their trainees' practice history.
  const trainer = useSignInStore((state) => state.status?.state === 'signed-in' && state.status.person.roles.some((role) => role === 'trainer' || role === 'lead' || role === 'admin'));
  const [reviewOpen, setReviewOpen] = useState(false);
  // The trainee's own results on this desk, and which of them the trainer cannot see yet.
  const [historyOpen, setHistoryOpen] = useState(false);
  const callTrainee = async (scenarioId: string) => {
    setOpen(false);
    onStart?.();
    const callId = await usePhoneStore.getState().dialPractice(trainee.trim(), scenarioId);
    if (callId) putPracticeScript(callId, scenarioId);
  };
  return (
    <>
      <Button variant="outline" disabled={disabled} onClick={() => setOpen(true)} data-testid="practice-launch">
        {label ?? t('practice.entry')}
      </Button>
      {trainer && (
        <Button variant="outline" onClick={() => setReviewOpen(true)} data-testid="practice-review-open">
          {t('practice.review.open')}
        </Button>
      )}
      {reviewOpen && (
        <Dialog visible header={t('practice.review.title')} footer={false} preventScrollThrough={false} onClose={() => setReviewOpen(false)} width="min(1200px, calc(100vw - 48px))" top="calc(var(--bar-height, 100px) + 12px)" dialogClassName="practice-dialog">
          <PracticeReview />
        </Dialog>
      )}
      {historyOpen && (
        <Dialog visible header={t('practice.history.title')} footer={false} preventScrollThrough={false} onClose={() => setHistoryOpen(false)} width="min(960px, calc(100vw - 48px))" top="calc(var(--bar-height, 100px) + 12px)" dialogClassName="practice-dialog">
          <PracticeHistory />
        </Dialog>
      )}
      {/* Mounted only while open: a closed TDesign Dialog still deep-compares its props and children (lodash
          isEqualWith) at every render of the bar; and the scenarios are read and validated only when the list opens. */}
      {open && (
        <Dialog visible header={t('practice.chooseTitle')} footer={false} preventScrollThrough={false} onClose={() => setOpen(false)} width={560} top="calc(var(--bar-height, 100px) + 12px)" dialogClassName="practice-dialog">
          <div className="practice-launcher__head">
            <p className="practice-launcher__intro">{t('practice.chooseIntro')}</p>
            <Button
              size="small"
              variant="text"
              theme="primary"
              onClick={() => {
                setOpen(false);
                setHistoryOpen(true);
              }}
              data-testid="practice-history-open"
            >
              {t('practice.history.open')}
            </Button>
          </div>
          {registered && (
            <label className="practice-launcher__trainee">
              <span>{t('practice.traineeNumber')}</span>
              <Input value={trainee} onChange={(value) => setTrainee(String(value))} placeholder={t('practice.traineeNumberHint')} data-testid="practice-trainee-number" />
            </label>
          )}
          <ul className="practice-launcher__list">
            {bundledScenarios().map((scenario) => (
              <li key={scenario.id} className="practice-launcher__item">
                <div className="practice-launcher__text">
                  <strong>{scenario.title[lang]}</strong>
                  <span>{scenario.brief[lang]}</span>
                </div>
                <Button
                  size="small"
                  data-scenario={scenario.id}
                  onClick={() => {
                    setOpen(false);
                    onStart?.();
                    startPracticeCall(scenario.id, lang);
                  }}
                >
                  {t('practice.start')}
                </Button>
                {registered && (
                  <Button
                    size="small"
                    variant="outline"
                    disabled={trainee.trim() === ''}
                    title={t('practice.callTraineeTitle')}
                    data-call-trainee={scenario.id}
                    onClick={() => void callTrainee(scenario.id)}
                  >
                    {t('practice.callTrainee')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Dialog>
      )}
    </>
  );
}
