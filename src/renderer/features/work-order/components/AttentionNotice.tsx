import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { WorkOrderDraft } from '../../../../shared/domain/work-order';
import type { Attention } from '../../../../shared/domain/work-order-sync';
import { messageText } from '../format';
import { conflictingKeys, fieldNameOf, type DraftKey } from '../work-order-form';
import { useWorkOrderStore } from '../work-order-store';
import { runtimeKey } from '../../../i18n/i18n-key';

const CJK = /[\u3400-\u9fff]/u;

/** Why the work order needs the agent: the service's reason in words, its issues, or the conflict. */
export function AttentionNotice({ attention }: { attention: Attention }) {
  const { t, i18n } = useTranslation('workOrder');
  // The service's own note is shown when it is in the UI's language (a centre writes Chinese); an English
  // technical message stays out of the Chinese screen (our reason above says it in words), on hover for IT.
  const showMessage = attention.message !== '' && (i18n.language === 'en' || CJK.test(attention.message));
  return (
    <div
      className="notice notice--error wo-attention"
      role="alert"
      data-testid="work-order-attention"
      data-reason={attention.reason}
      title={attention.message && !showMessage ? attention.message : undefined}
    >
      <p>{t(`workOrder.attention.${attention.reason}`)}</p>
      {showMessage && <p>{t('workOrder.attention.serviceSays', { message: attention.message })}</p>}
      {attention.issues.length > 0 && (
        <>
          <p>{t('workOrder.attention.issues')}</p>
          <ul data-testid="work-order-attention-issues">
            {attention.issues.map((issue, index) => {
              const field = fieldNameOf(issue.path);
              return (
                <li key={index}>
                  {field ? t(`workOrder.field.${field}`) : issue.path}: {messageText(t, issue.message)}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {attention.reason === 'conflict' && attention.serverFields && <ConflictView theirs={attention.serverFields} />}
    </div>
  );
}

function ConflictView({ theirs }: { theirs: WorkOrderDraft }) {
  const { t } = useTranslation('workOrder');
  const mine = useWorkOrderStore((state) => state.fields);
  const resolving = useWorkOrderStore((state) => state.resolving);
  const resolveError = useWorkOrderStore((state) => state.resolveError);
  const resolve = useWorkOrderStore((state) => state.resolveConflict);
  const keys = conflictingKeys(mine, theirs);

  return (
    <div className="conflict" data-testid="conflict-view">
      <h3 className="conflict__title">{t('workOrder.conflict.title')}</h3>
      {keys.length === 0 ? (
        <p>{t('workOrder.conflict.noDifference')}</p>
      ) : (
        <table className="conflict__table">
          <thead>
            <tr>
              <th scope="col">{t('workOrder.conflict.field')}</th>
              <th scope="col">{t('workOrder.conflict.mine')}</th>
              <th scope="col">{t('workOrder.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key} data-testid="conflict-row" data-field={key}>
                <th scope="row">{t(runtimeKey(`workOrder.field.${labelFieldOf(key)}`))}</th>
                <td>{describe(t, key, mine)}</td>
                <td>{describe(t, key, theirs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {resolveError && <p>{t('workOrder.conflict.resolveFailed', { reason: t(runtimeKey(resolveError)) })}</p>}
      <div className="panel__actions">
        <button type="button" className="button button--primary" data-testid="conflict-keep-mine" disabled={resolving} onClick={() => void resolve('keep-mine')}>
          {resolving ? t('workOrder.conflict.resolving') : t('workOrder.conflict.keepMine')}
        </button>
        <button type="button" className="button" data-testid="conflict-take-theirs" disabled={resolving} onClick={() => void resolve('take-theirs')}>
          {t('workOrder.conflict.takeTheirs')}
        </button>
      </div>
    </div>
  );
}

function labelFieldOf(key: DraftKey): string {
  if (key === 'scope') return 'scopeDecision';
  if (key === 'commitment') return 'commitmentWhat';
  return key;
}

type T = TFunction<'workOrder'>;

/** A draft value in words, for the side-by-side comparison. */
function describe(t: T, key: DraftKey, draft: WorkOrderDraft): string {
  const empty = t('workOrder.conflict.empty');
  switch (key) {
    case 'type':
      return draft.type ? t(`workOrder.type.${draft.type}`) : empty;
    case 'domain':
      return draft.domain ? t(`workOrder.domain.${draft.domain}`) : empty;
    case 'urgency':
      return t(`workOrder.urgency.${draft.urgency}`);
    case 'departmentIds':
      return draft.departmentIds.join('、') || empty;
    case 'followUpWanted':
      return t(draft.followUpWanted ? 'workOrder.conflict.yes' : 'workOrder.conflict.no');
    case 'scope': {
      const { decision, reason, reasonDetail, channel } = draft.scope;
      return [t(`workOrder.scopeDecision.${decision}`), reason ? t(`workOrder.scopeReason.${reason}`) : '', reasonDetail, channel]
        .filter(Boolean)
        .join(' · ');
    }
    case 'commitment':
      return [draft.commitment.what, draft.commitment.dueDate].filter(Boolean).join(' · ') || empty;
    default:
      return draft[key] || empty;
  }
}
