import { useEffect, useState } from 'react';
import { describeAccelerator } from '../../../format/accelerator';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_ACTIONS, type AgentDeskSettings } from '../../../../shared/domain/agent-state';
import { DevicePicker } from '../../devices';
import { HeadsetPanel } from '../../headset';
import { useAgentStateStore } from '../agent-state-store';
import { runtimeKey } from '../../../i18n/i18n-key';
import { breakReasonsText, parseBreakReasons, useBreakReasonNames } from '../break-reasons';

/** Desk settings: wrap-up, break reasons, how "busy" reaches the PBX, alerts, shortcuts, devices, headset. */
export function AgentDeskPanel({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation('agentState');
  const names = useBreakReasonNames();
  const stored = useAgentStateStore((s) => s.settings);
  const conflicts = useAgentStateStore((s) => s.shortcutConflicts);
  const saving = useAgentStateStore((s) => s.saving);
  const errors = useAgentStateStore((s) => s.saveErrors);
  const saveSettings = useAgentStateStore((s) => s.saveSettings);
  const [draft, setDraft] = useState<AgentDeskSettings>(stored);
  const [reasons, setReasons] = useState(() => breakReasonsText(stored.breakReasons, names, i18n.language));
  const change = (patch: Partial<AgentDeskSettings>) => setDraft((current) => ({ ...current, ...patch }));
  const error = (path: string) => (errors[path] ? <span className="field__error">{t(runtimeKey(errors[path]))}</span> : null);

  // Escape closes the panel, as it closes every panel of the desk (unsaved changes are dropped, as with Cancel).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const save = async () => {
    const breakReasons = parseBreakReasons(reasons, names);
    if (await saveSettings({ ...draft, breakReasons, devices: stored.devices })) onClose();
  };

  return (
    <div className="overlay agent-desk-overlay">
      <form
        className="settings-form panel"
        data-testid="desk-settings"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 className="panel__title">{t('agentDesk.title')}</h2>
        <fieldset className="desk-section">
          <legend>{t('agentDesk.stateSection')}</legend>
          <label className="field">
            <span className="field__label">{t('agentDesk.startStatus')}</span>
            <select value={draft.startStatus} onChange={(e) => change({ startStatus: e.target.value as AgentDeskSettings['startStatus'] })}>
              <option value="ready">{t('agentState.status.ready')}</option>
              <option value="not-ready">{t('agentState.status.not-ready')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('agentDesk.afterCallSeconds')}</span>
            <input
              type="number"
              min={0}
              max={600}
              data-testid="desk-after-call-seconds"
              value={draft.afterCallSeconds}
              onChange={(e) => change({ afterCallSeconds: Number(e.target.value) })}
            />
            {error('afterCallSeconds')}
          </label>
          <label className="field">
            <span className="field__label">{t('agentDesk.extendSeconds')}</span>
            <input type="number" min={10} max={600} value={draft.extendSeconds} onChange={(e) => change({ extendSeconds: Number(e.target.value) })} />
            {error('extendSeconds')}
          </label>
          <label className="field">
            <span className="field__label">{t('agentDesk.breakReasons')}</span>
            <input value={reasons} onChange={(e) => setReasons(e.target.value)} />
            <span className="field__hint">{t('agentDesk.breakReasonsHint')}</span>
            {error('breakReasons') ?? error('breakReasons.0')}
          </label>
        </fieldset>

        <fieldset className="desk-section">
          <legend>{t('agentDesk.busySection')}</legend>
          <label className="field">
            <span className="field__label">{t('agentDesk.busySignal')}</span>
            <select
              data-testid="desk-busy-signal"
              value={draft.busySignal}
              onChange={(e) => change({ busySignal: e.target.value as AgentDeskSettings['busySignal'] })}
            >
              <option value="reject-486">{t('agentDesk.busy.reject-486')}</option>
              <option value="feature-codes">{t('agentDesk.busy.feature-codes')}</option>
            </select>
          </label>
          {draft.busySignal === 'feature-codes' && (
            <>
              <label className="field">
                <span className="field__label">{t('agentDesk.pauseCode')}</span>
                <input value={draft.pauseCode} onChange={(e) => change({ pauseCode: e.target.value })} />
                {error('pauseCode')}
              </label>
              <label className="field">
                <span className="field__label">{t('agentDesk.unpauseCode')}</span>
                <input value={draft.unpauseCode} onChange={(e) => change({ unpauseCode: e.target.value })} />
                {error('unpauseCode')}
              </label>
            </>
          )}
        </fieldset>

        <fieldset className="desk-section">
          <legend>{t('agentDesk.alertsSection')}</legend>
          <label className="field field--inline">
            <input type="checkbox" checked={draft.notifyIncoming} onChange={(e) => change({ notifyIncoming: e.target.checked })} />
            <span>{t('agentDesk.notifyIncoming')}</span>
          </label>
          {SHORTCUT_ACTIONS.map((action) => (
            <label key={action} className="field">
              <span className="field__label">{t(`agentDesk.shortcut.${action}`)}</span>
              <input
                value={describeAccelerator(draft.shortcuts[action])}
                spellCheck={false}
                placeholder={t('agentDesk.shortcutNone')}
                onChange={(e) => change({ shortcuts: { ...draft.shortcuts, [action]: e.target.value } })}
              />
              {error(`shortcuts.${action}`)}
              {conflicts.includes(action) && <span className="field__error">{t('agentDesk.shortcutTaken')}</span>}
            </label>
          ))}
          <span className="field__hint">{t('agentDesk.shortcutHint')}</span>
        </fieldset>

        <DevicePicker />
        <HeadsetPanel />

        {error('')}
        <div className="panel__actions">
          <button type="submit" className="button button--primary" data-testid="desk-settings-save" disabled={saving}>
            {t('settings.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('settings.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
