import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deskStateOf } from '../../../../shared/domain/desk-state';
import { formatDuration } from '../../../format/clock';
import { useCallBoard } from '../../call-session';
import { useAgentStateStore } from '../agent-state-store';
import { breakReasonLabel } from '../../../../shared/domain/agent-state';
import { useBreakReasonNames } from '../break-reasons';

/** The desk's one state (空闲 / 振铃 / 通话中 / 保持 / 话后整理 / 小休 / 示忙 / 离线) and how long it has lasted. */
export function DeskStateBadge() {
  const { t } = useTranslation('agentState');
  const breakReasonNames = useBreakReasonNames();
  const agent = useAgentStateStore((s) => s.state);
  const calls = useCallBoard((s) => s.calls);
  const front = useCallBoard((s) => s.call);
  const desk = deskStateOf(agent, calls, front);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(interval);
  }, []);
  const label = desk.kind === 'break' ? t('agentState.onBreak', { reason: breakReasonLabel(desk.breakReason ?? '', breakReasonNames) }) : t(`deskState.${desk.kind}`);
  return (
    <span className={`desk-state desk-state--${desk.kind}`} data-testid="desk-state" data-state={desk.kind} data-agent-status={agent.status}>
      <span className="desk-state__label" role="status" data-testid="agent-status">
        {label}
      </span>
      <span className="desk-state__time" data-testid="agent-time-in-state" title={t('agentState.timeInState')}>
        {formatDuration(Math.max(0, Math.max(now, desk.since) - desk.since))}
      </span>
    </span>
  );
}
