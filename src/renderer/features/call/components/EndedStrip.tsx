import { useTranslation } from 'react-i18next';
import type { CallView } from '../../call-session';
import { CallerIdentity } from './CallerIdentity';
import { CallTimer } from './CallTimer';

/** The call just finished: who and how long, while its work order is completed. */
export function EndedStrip({ call }: { call: CallView }) {
  const { t } = useTranslation();
  return (
    <section className="call-strip call-strip--ended" data-testid="active-call" data-state="ended">
      <span className="call-strip__phase">{t('call.endedTitle')}</span>
      <CallerIdentity call={call} />
      {call.answeredAt !== null && <CallTimer key={call.id} answeredAt={call.answeredAt} endedAt={call.endedAt} />}
    </section>
  );
}
