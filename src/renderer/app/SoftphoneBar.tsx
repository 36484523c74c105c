import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { AgentStateBar, DeskStateBadge } from '../features/agent-state';
import { CallStrip, RingingRehearsal } from '../features/call';
import { LanguageSelect, useSettingsStore } from '../features/settings';
import { PracticeLauncher } from '../features/practice';
import { RecordingBadge } from '../features/recording';
import { SignedInBadge } from '../features/sign-in';
import { FloorSwitch } from '../features/floor';
import { useBarFit } from './bar-fit';

/**
 * The bar on top that nothing covers: the desk's one state and its timer, the
 * call in front with its buttons, the agent's availability, the tools. Its height
 * is published as --bar-height so panels and dialogs open below it, never over it.
 */
export function SoftphoneBar({ practiceOnly = false }: { practiceOnly?: boolean }) {
  const { t } = useTranslation();
  const phoneSetUp = useSettingsStore((state) => state.view?.settings != null);
  // A desk with no phone yet still takes practice calls: the bar shows them the same way.
  const configured = phoneSetUp || practiceOnly;
  const formOpen = useSettingsStore((state) => state.formOpen);
  const openForm = useSettingsStore((state) => state.openForm);
  const ref = useRef<HTMLElement>(null);
  const row = useRef<HTMLDivElement>(null);
  // A lead's row (floor switch, name, sign-out) is the widest: it shortens, then wraps, never runs off the edge.
  useBarFit(row);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    // Read from the observer's entry, which comes after layout: reading offsetHeight here, right after
    // the first commit, forced a layout of the whole first screen before the first REGISTER went out.
    const observer = new ResizeObserver(([entry]) => {
      const height = entry?.borderBoxSize?.[0]?.blockSize ?? entry?.contentRect.height;
      if (height !== undefined) document.documentElement.style.setProperty('--bar-height', `${Math.ceil(height)}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <header className="softphone-bar" ref={ref} data-testid="softphone-bar">
      <div className="softphone-bar__row" ref={row} data-testid="softphone-bar-row">
        <h1 className="softphone-bar__title">{t('app.title')}</h1>
        {configured && <DeskStateBadge />}
        {configured && <AgentStateBar />}
        <span className="softphone-bar__tools">
          <PracticeLauncher />
          <FloorSwitch />
          <SignedInBadge />
          <LanguageSelect />
          {phoneSetUp && !formOpen && (
            <Button variant="outline" data-testid="open-settings" onClick={openForm}>
              {t('app.openSettings')}
            </Button>
          )}
        </span>
      </div>
      {configured && (
        <div className="softphone-bar__call">
          {/* The recording state sits in the call's own row (no line of its own under it). */}
          <CallStrip idle={<p className="call-strip call-strip--idle">{t('app.waitingForCalls')}</p>} badges={<RecordingBadge />} />
          <RingingRehearsal />
        </div>
      )}
    </header>
  );
}
