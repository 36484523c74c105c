import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../call-session';

/** "Answering automatically in N s" while an auto-answer is pending. */
export function AutoAnswerCountdown({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  const [now, setNow] = useState(() => Date.now());
  const at = call.autoAnswerAt;
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  if (at === null || call.phase !== 'ringing') return null;
  return (
    <p className="muted" data-testid="auto-answer-countdown" data-at={at}>
      {t('callControl.autoAnswerIn', { seconds: Math.max(0, Math.ceil((at - now) / 1000)) })}
    </p>
  );
}
