import { useTranslation } from 'react-i18next';
import { useTicketStore } from '../ticket-store';
import { SaveStateLabel } from './SaveStateLabel';
import { TicketField } from './TicketField';

/** The work-order draft for the current (or last) call; stays until the agent closes it. */
export function TicketPanel() {
  const callId = useTicketStore((state) => state.callId);
  const draftId = useTicketStore((state) => state.draftId);
  if (!callId) return null;
  // `ticket-panel` appears only with a draft id, so whoever sees it can rely on data-draft-id.
  return draftId ? <OpenDraft draftId={draftId} /> : <DraftNotOpenYet />;
}

function OpenDraft({ draftId }: { draftId: string }) {
  const { t } = useTranslation();
  const close = useTicketStore((state) => state.close);
  return (
    <section className="panel panel--ticket" data-testid="ticket-panel" data-draft-id={draftId}>
      <div className="panel__header">
        <h2 className="panel__title">{t('ticket.title')}</h2>
        <SaveStateLabel />
      </div>
      <form className="ticket-form" onSubmit={(event) => event.preventDefault()}>
        <TicketField field="callerName" />
        <TicketField field="callerNumber" />
        <TicketField field="summary" />
        <TicketField field="description" multiline />
      </form>
      <div className="panel__actions">
        <button type="button" className="button" data-testid="ticket-close" onClick={() => void close()}>
          {t('ticket.close')}
        </button>
      </div>
    </section>
  );
}

/** Opening, or opening failed (then the agent can still dismiss it). */
function DraftNotOpenYet() {
  const { t } = useTranslation();
  const openError = useTicketStore((state) => state.openError);
  const close = useTicketStore((state) => state.close);
  return (
    <section className="panel panel--ticket">
      <h2 className="panel__title">{t('ticket.title')}</h2>
      {openError ? (
        <>
          <p className="notice notice--error" role="alert">
            {t('ticket.openFailed', { reason: t(openError) })}
          </p>
          <button type="button" className="button" onClick={() => void close()}>
            {t('ticket.close')}
          </button>
        </>
      ) : (
        <p className="muted">{t('ticket.opening')}</p>
      )}
    </section>
  );
}
