import { useTranslation } from 'react-i18next';
import type { CallLogEntry } from '../../../../shared/domain/call-log';
import { formatDateTime } from '../../../format/clock';
import { useCallLogStore } from '../call-log-store';
import { runtimeKey } from '../../../i18n/i18n-key';
import { useRevealedRows } from '../../../base/revealed-rows';

const COLUMNS = ['direction', 'number', 'name', 'startedAt', 'answeredAt', 'endedAt', 'outcome', 'mos'] as const;

/** The last calls as main recorded them; reloaded after every call. `onCall` adds click-to-call. */
export function CallLogTable({ onCall }: { onCall?: (number: string) => void } = {}) {
  const { t } = useTranslation('phone');
  const entries = useCallLogStore((state) => state.entries);
  const error = useCallLogStore((state) => state.error);
  const { shown, sentinel } = useRevealedRows(entries.length);

  return (
    <section className="panel panel--log">
      <h2 className="panel__title">{t('callLog.title')}</h2>
      {error && (
        <p className="notice notice--error" role="alert">
          {t('callLog.loadFailed', { reason: t(runtimeKey(error)) })}
        </p>
      )}
      <table className="call-log" data-testid="call-log">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className={`call-log__${column}`}>
                {t(`callLog.column.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="muted">
                {t('callLog.empty')}
              </td>
            </tr>
          ) : (
            entries.slice(0, shown).map((entry) => <CallLogRow key={entry.id} entry={entry} onCall={onCall} />)
          )}
          {shown < entries.length && (
            <tr ref={sentinel} className="list-sentinel" aria-hidden="true">
              <td colSpan={COLUMNS.length} />
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function CallLogRow({ entry, onCall }: { entry: CallLogEntry; onCall?: (number: string) => void }) {
  const { t } = useTranslation('phone');
  const time = (value: number | null) => (value === null ? '' : formatDateTime(value));
  return (
    <tr data-testid="call-log-row" data-outcome={entry.outcome ?? ''} data-call-id={entry.id}>
      <td className="call-log__direction">{t(`callLog.direction.${entry.direction}`)}</td>
      <td className="call-log__number">
        {entry.remoteNumber}
        {onCall && entry.remoteNumber && (
          <button
            type="button"
            className="button button--small call-log__call"
            data-testid="call-log-call"
            onClick={() => onCall(entry.remoteNumber)}
          >
            {t('dialer.callBack')}
          </button>
        )}
      </td>
      <td className="call-log__name">{entry.remoteName}</td>
      <td className="call-log__startedAt">{time(entry.startedAt)}</td>
      <td className="call-log__answeredAt">{time(entry.answeredAt)}</td>
      <td className="call-log__endedAt">{time(entry.endedAt)}</td>
      <td className="call-log__outcome">{t(`callLog.outcome.${entry.outcome ?? 'inProgress'}`)}</td>
      <td
        className="call-log__mos"
        data-label={t('callLog.column.mos')}
        data-testid="call-log-mos"
        data-mos={entry.quality?.mosAvg ?? ''}
        title={
          entry.quality
            ? t('callLog.mosTitle', {
                avg: entry.quality.mosAvg.toFixed(2),
                min: entry.quality.mosMin.toFixed(2),
                loss: entry.quality.lossAvgPercent,
                jitter: entry.quality.jitterMaxMs,
              })
            : undefined
        }
      >
        {entry.quality ? entry.quality.mosAvg.toFixed(1) : ''}
      </td>
    </tr>
  );
}
