import { useTranslation } from 'react-i18next';
import { CallLogTable } from '../features/call-log';
import { useCallBoard } from '../features/call-session';
import { Dialer, callBack } from '../features/dialer';
import { GuidancePanel } from '../features/guidance';
import { CallerHistoryPanel } from '../features/history';
import { UnsentDrafts, WorkOrderList, WorkOrderPanel } from '../features/work-order';

/**
 * Three panes that fill the screen under the softphone bar: the caller, the
 * guidance, the work order. Each scrolls inside itself; the page never scrolls,
 * so the call's buttons and prompts stay where the agent last saw them.
 */
export function MainScreen() {
  const { t } = useTranslation();
  const inCall = useCallBoard((state) => state.call !== null);
  return (
    <main className="desk-panes">
      <section className="pane pane--caller" aria-label={t('panes.caller')} data-testid="pane-caller">
        <CallerHistoryPanel />
        {!inCall && <Dialer />}
        {!inCall && <CallLogTable onCall={callBack} />}
      </section>
      <section className="pane pane--guidance" aria-label={t('panes.guidance')} data-testid="pane-guidance">
        <GuidancePanel />
      </section>
      <section className="pane pane--ticket" aria-label={t('panes.workOrder')} data-testid="pane-work-order">
        <UnsentDrafts />
        <WorkOrderPanel />
        {!inCall && <WorkOrderList />}
      </section>
    </main>
  );
}
