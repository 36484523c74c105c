import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { AgentHotkey } from '../../../../shared/guidance/rules/types';
import { hotkey, openLibrary, saveSettings } from '../guidance-desk';
import { useGuidanceStore } from '../guidance-store';
import '../guidance.css';
import { EmergencyCard, ReceivedAlerts } from './EmergencyStrip';
import { PhraseLibrary } from './PhraseLibrary';
import { PromptCards } from './PromptCards';
import { ScriptPanel } from './ScriptPanel';
import { runtimeKey } from '../../../i18n/i18n-key';

/** The hotkeys with a button (Alt+4 and Alt+5 are keyboard-only). */
const HOTKEY_BUTTONS: { key: Extract<AgentHotkey, 'caller-angry' | 'abusive' | 'emergency'>; shortcut: string }[] = [
  { key: 'caller-angry', shortcut: 'Alt+1' },
  { key: 'abusive', shortcut: 'Alt+2' },
  { key: 'emergency', shortcut: 'Alt+3' },
];

/** Live guidance for the call: alerts from colleagues, prompts, agent hotkeys, the script, the phrase library. */
export function GuidancePanel() {
  const { t } = useTranslation('guidance');
  const live = useGuidanceStore((state) => state.live);
  const callId = useGuidanceStore((state) => state.callId);
  const audio = useGuidanceStore((state) => state.audio);
  const stripElsewhere = useGuidanceStore((state) => state.emergencyStripMounted);
  return (
    <div className="guidance" data-testid="guidance-panel" data-audio={audio}>
      {!stripElsewhere && <ReceivedAlerts />}
      <PackProblems />
      {!stripElsewhere && <EmergencyCard placement="inline" />}
      <PromptCards />
      {live && (
        <div className="guidance-hotkeys" role="toolbar" aria-label={t('guidance.hotkeys.title')}>
          {HOTKEY_BUTTONS.map(({ key, shortcut }) => (
            <Button
              key={key}
              variant="outline"
              theme={key === 'emergency' ? 'danger' : 'default'}
              className={`guidance-hotkey guidance-hotkey--${key}`}
              data-testid={`hotkey-${key}`}
              aria-keyshortcuts={shortcut}
              onClick={() => hotkey(key)}
            >
              {t(`guidance.hotkeys.${key}`)} <kbd>{shortcut}</kbd>
            </Button>
          ))}
          <Button variant="outline" className="guidance-hotkey" data-testid="open-library" aria-keyshortcuts="Control+K /" onClick={() => openLibrary(true)}>
            {t('guidance.library.open')} <kbd>Ctrl+K</kbd>
          </Button>
        </div>
      )}
      {callId && <ScriptPanel />}
      <PhraseLibrary />
      <LeadAddress />
    </div>
  );
}

function PackProblems() {
  const { t } = useTranslation('guidance');
  const problems = useGuidanceStore((state) => state.packProblems);
  const source = useGuidanceStore((state) => state.packSource);
  if (problems.length === 0) return null;
  return (
    <div className="notice notice--warning guidance-pack-problems" role="status" data-testid="pack-problems">
      <strong>{t(source === 'default' ? 'guidance.pack.usingDefault' : 'guidance.pack.usingLastGood')}</strong>
      <ul>
        {problems.slice(0, 5).map((problem, index) => (
          <li key={index}>
            {t('guidance.pack.where', { file: problem.file, line: problem.line ?? '?', column: problem.column ?? '?', path: problem.pathText })}{' '}
            {t(problem.messageKey, { defaultValue: problem.detail })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where emergency alerts go (the team lead's SIP address); edited here, kept by main. */
function LeadAddress() {
  const { t } = useTranslation('guidance');
  const uri = useGuidanceStore((state) => state.settings.teamLeadUri);
  const alert = useGuidanceStore((state) => state.leadAlert.state);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(uri);
  const [error, setError] = useState<string | null>(null);
  if (!editing && alert !== 'no-target') {
    return (
      <p className="guidance-lead-address muted">
        {uri ? t('guidance.lead.set', { who: leadName(uri) }) : t('guidance.lead.unset')}
        <Button
          size="small"
          variant="text"
          data-testid="team-lead-edit"
          onClick={() => {
            setValue(uri);
            setEditing(true);
          }}
        >
          {t('guidance.lead.edit')}
        </Button>
      </p>
    );
  }
  return (
    <form
      className="guidance-lead-address"
      onSubmit={(event) => {
        event.preventDefault();
        saveSettings({ teamLeadUri: value.trim() })
          .then(() => {
            setEditing(false);
            setError(null);
          })
          .catch(() => setError('errors.sipUri'));
      }}
    >
      <label htmlFor="guidance-team-lead">{t('guidance.lead.label')}</label>
      <input id="guidance-team-lead" data-testid="team-lead-uri" value={value} placeholder="sip:1900@pbx.example.cn" onChange={(event) => setValue(event.target.value)} />
      <Button size="small" type="submit" data-testid="team-lead-save">
        {t('guidance.lead.save')}
      </Button>
      {error && <span className="field__error">{t(runtimeKey(error))}</span>}
    </form>
  );
}

/** The lead as agents know them (the extension, 1004), not the SIP address. */
function leadName(uri: string): string {
  return /^sips?:([^@;]+)@/i.exec(uri)?.[1] ?? uri;
}
