import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { connectionLostSince } from '../../../../shared/domain/floor-connection';
import { isOnCall } from '../../../../shared/domain/floor-view';
import { FloorActionSlot } from './FloorActionSlot';
import { closeAgent, useFloorStore } from '../floor-store';
import { clockTime, duration } from '../floor-time';

/** What the opened agent sees now: state, call, script step, prompts (handled or not) and the draft as typed. */
export function AgentDrawer({ personId, serverNow, toLocal }: { personId: string; serverNow: number; toLocal: number }) {
  const { t } = useTranslation('floor');
  const agent = useFloorStore((state) => state.agents.get(personId));
  const detail = useFloorStore((state) => state.detail);
  const detailFailed = useFloorStore((state) => state.detailFailed);
  if (!agent) return null;
  const lostSince = connectionLostSince(agent, serverNow);
  const onCall = lostSince === null && isOnCall(agent);
  const draft = detail?.draft ?? null;
  const typed = draft && (draft.summary || draft.description || draft.address || draft.category);
  return (
    <aside className="floor-drawer" data-testid="floor-drawer" aria-label={t('drawer.title', { name: agent.name, workNumber: agent.workNumber })}>
      <header className="floor-drawer__head">
        <h3>{t('drawer.title', { name: agent.name, workNumber: agent.workNumber })}</h3>
        <Button variant="text" onClick={closeAgent} data-testid="floor-drawer-close">
          {t('drawer.close')}
        </Button>
      </header>
      <dl className="floor-drawer__facts">
        <dt>{t('drawer.state')}</dt>
        <dd data-testid="floor-drawer-state">
          {lostSince !== null ? t('lostSince', { time: clockTime(lostSince - toLocal) }) : `${t(`state.${agent.agentState}`)} ${duration(serverNow - agent.since)}`}
        </dd>
        {onCall && (
          <>
            <dt>{t('drawer.call')}</dt>
            <dd>
              {t(`phase.${agent.callPhase}`)} {agent.callStartedAt !== null && duration(serverNow - agent.callStartedAt)}
              {agent.voice && ` · ${t(`voice.${agent.voice}`)}`}
            </dd>
            <dt>{t('drawer.caller')}</dt>
            <dd>{agent.callerNumber ?? '-'}</dd>
            <dt>{t('drawer.step')}</dt>
            <dd data-testid="floor-drawer-step">{agent.scriptStep ? t(`step.${agent.scriptStep}`, { defaultValue: agent.scriptStep }) : '-'}</dd>
          </>
        )}
        <dt>{t('drawer.prompts')}</dt>
        <dd data-testid="floor-drawer-prompts">
          {agent.prompts.length === 0
            ? '-'
            : agent.prompts.map((kind) => (
                <span key={kind} className={`floor-flag floor-flag--${kind}`} data-handled={agent.promptsHandled.includes(kind)}>
                  {t(`flag.${kind}`)}（{agent.promptsHandled.includes(kind) ? t('drawer.handled') : t('drawer.open')}）
                </span>
              ))}
        </dd>
      </dl>
      <FloorActionSlot agent={agent} context="drawer" serverNow={serverNow} />
      <section className="floor-drawer__draft" data-testid="floor-drawer-draft">
        <h4>{t('drawer.draft')}</h4>
        {detailFailed && <p className="notice notice--warning">{t('drawer.detailFailed')}</p>}
        {!typed ? (
          <p className="muted">{t('drawer.draftEmpty')}</p>
        ) : (
          <dl>
            {(['summary', 'description', 'address', 'category'] as const).map((field) =>
              draft[field] ? (
                <div key={field}>
                  <dt>{t(`drawer.${field}`)}</dt>
                  <dd data-testid={`floor-drawer-draft-${field}`}>{draft[field]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        )}
        {detail && <p className="muted">{t('drawer.draftStale', { time: clockTime(detail.reportedAt - toLocal) })}</p>}
      </section>
    </aside>
  );
}
