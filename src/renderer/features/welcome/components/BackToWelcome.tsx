import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { useCallBoard } from '../../call-session';
import '../welcome.css';

/** A dialog or panel is open that Escape should close first. */
function somethingOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"], .t-dialog, [data-panel-open="true"]')].some((element) => element.offsetParent !== null);
}

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * On a desk taking practice calls only (nothing set up yet): back to the
 * welcome, where the sign-in and the PBX set-up are, without a restart. The
 * button and Escape work once no call is ringing or live (the feedback of the
 * last one may stay on screen); Escape first closes whatever dialog is open.
 */
export function BackToWelcome({ onBack }: { onBack(): void }) {
  const { t } = useTranslation('welcome');
  const live = useCallBoard((state) => state.calls.some((call) => call.phase !== 'ended'));
  useEffect(() => {
    if (live) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.repeat || typing(event.target) || somethingOpen()) return;
      event.preventDefault();
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live, onBack]);
  return (
    <Button size="small" variant="text" theme="primary" disabled={live} onClick={onBack} data-testid="back-to-welcome" title={live ? t('welcome.backWhenDone') : t('welcome.backHint')}>
      {t('welcome.back')}
    </Button>
  );
}
