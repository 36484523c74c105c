import { useTranslation } from 'react-i18next';
import type { CallView } from '../../call-session';

/** Number and name as the network gave them (plain text: React never interprets them). */
export function CallerIdentity({ call, numberTestId, nameTestId }: { call: CallView; numberTestId?: string; nameTestId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="caller">
      <span className="caller__number" data-testid={numberTestId}>
        {call.number || t('call.unknownNumber')}
      </span>
      <span className="caller__name" data-testid={nameTestId}>
        {call.name || t('call.unknownName')}
      </span>
    </span>
  );
}
