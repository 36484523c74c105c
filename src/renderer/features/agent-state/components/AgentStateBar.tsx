import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterCallSecondsLeft, type AgentStatus } from '../../../../shared/domain/agent-state';
import { ariaKeyShortcuts, describeAccelerator } from '../../../format/accelerator';
import { useAgentStateStore } from '../agent-state-store';
import { AgentDeskPanel } from './AgentDeskPanel';
import '../agent-state.css';
import { breakReasonLabel } from '../../../../shared/domain/agent-state';
import { useBreakReasonNames } from '../break-reasons';

const CHOICES: { status: Exclude<AgentStatus, 'break' | 'after-call'>; testId: string }[] = [
  { status: 'ready', testId: 'agent-ready' },
  { status: 'not-ready', testId: 'agent-not-ready' },
  { status: 'offline', testId: 'agent-offline' },
];

/** The buttons that change the agent's availability, and the after-call countdown; the state itself is the DeskStateBadge. */
export function AgentStateBar() {
  const { t } = useTranslation('agentState');
  const breakReasonNames = useBreakReasonNames();
  const state = useAgentStateStore((s) => s.state);
  const settings = useAgentStateStore((s) => s.settings);
  const send = useAgentStateStore((s) => s.send);
  const [now, setNow] = useState(() => Date.now());
  const [panelOpen, setPanelOpen] = useState(false);

  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(interval);
  }, []);

  // The display clock ticks once a second; never let it lag behind the state it shows.
  const at = Math.max(now, state.since);
  const secondsLeft = afterCallSecondsLeft(state, at);
  const readyKey = settings.shortcuts.ready ? describeAccelerator(settings.shortcuts.ready) : '';
  const readyAriaKeys = settings.shortcuts.ready ? ariaKeyShortcuts(settings.shortcuts.ready) : undefined;

  return (
    <section className="agent-state" aria-label={t('agentState.label')} data-testid="agent-state" data-status={state.status}>
      {secondsLeft !== null && (
        // After-call work: Done carries the countdown to the automatic 示闲 (so it stands for Ready, which is not shown then).
        <span className="agent-state__after-call">
          <button
            type="button"
            className="button"
            data-testid="after-call-finish"
            // The key goes in the tooltip: the bar has no room for a key cap at 1366 px in after-call work.
            title={readyKey ? t('agentState.afterCallLeftKey', { seconds: secondsLeft, key: readyKey }) : t('agentState.afterCallLeft', { seconds: secondsLeft })}
            aria-keyshortcuts={readyAriaKeys}
            onClick={() => send({ type: 'ready' })}
          >
            <span className="agent-state__countdown" data-testid="after-call-countdown" data-seconds={secondsLeft}>
              {/* Two digits wide from 30 down to 0 (a figure space before 9…0), so the bar does not shift at 9 s. */}
              {t('agentState.finishIn', { seconds: String(secondsLeft).padStart(2, '\u2007') })}
            </span>
          </button>
          <button
            type="button"
            className="button"
            data-testid="after-call-extend"
            title={t('agentState.extendTitle', { seconds: settings.extendSeconds })}
            aria-label={t('agentState.extendTitle', { seconds: settings.extendSeconds })}
            onClick={() => send({ type: 'extend-after-call' })}
          >
            {/* The bar short of room (bar-fit's 'short') shows +30 s. */}
            <span className="bar-fit__full">{t('agentState.extend', { seconds: settings.extendSeconds })}</span>
            <span className="bar-fit__short">{t('agentState.extendShort', { seconds: settings.extendSeconds })}</span>
          </button>
        </span>
      )}
      <span className="agent-state__choices">
        {CHOICES.filter(({ status }) => secondsLeft === null || status !== 'ready').map(({ status, testId }) => (
          <button
            key={status}
            type="button"
            className={`button${state.status === status ? ' button--primary' : ''}`}
            aria-pressed={state.status === status}
            title={status === 'ready' && readyKey ? t('agentState.withKey', { action: t('agentState.action.ready'), key: readyKey }) : undefined}
            aria-keyshortcuts={status === 'ready' ? readyAriaKeys : undefined}
            data-testid={testId}
            onClick={() => send({ type: status })}
          >
            {t(`agentState.action.${status}`)}
          </button>
        ))}
        <select
          aria-label={t('agentState.action.break')}
          data-testid="agent-break"
          value=""
          onChange={(event) => {
            if (event.target.value) send({ type: 'break', reason: event.target.value });
          }}
        >
          <option value="">{t('agentState.action.break')}</option>
          {settings.breakReasons.map((reason) => (
            <option key={reason} value={reason}>
              {breakReasonLabel(reason, breakReasonNames)}
            </option>
          ))}
        </select>
        <button type="button" className="button" data-testid="desk-settings-open" onClick={() => setPanelOpen(true)}>
          {t('agentDesk.open')}
        </button>
      </span>
      {panelOpen && <AgentDeskPanel onClose={() => setPanelOpen(false)} />}
    </section>
  );
}
