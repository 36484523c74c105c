import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../../../i18n/i18n';
import { bridge } from '../../../ipc/bridge';
import { unwrap } from '../../../ipc/ipc-call-error';
import { runtimeKey } from '../../../i18n/i18n-key';
import { useReplayStore } from '../replay-store';
import { CallList } from './CallList';
import { ReplayView } from './ReplayView';
import '../replay.css';

/** Case review (回放): the call list on the left, the call opened from it on the right. */
export function ReplayScreen() {
  const { t } = useTranslation('replay');
  const { open, opening, openError, audioUrl } = useReplayStore();
  // Opened on its own (#/replay), the window has not read the desk's language yet.
  useEffect(() => {
    void unwrap(bridge().settings.get({}))
      .then((view) => applyLanguage(view.language))
      .catch(() => undefined);
  }, []);
  return (
    <div className="replay" data-testid="replay-screen">
      <header className="replay__bar">
        <h1>{t('title')}</h1>
        <a href="#/" className="replay__back">{t('back')}</a>
      </header>
      <div className="replay__body">
        <CallList />
        <main className="replay__main">
          {opening ? <p className="replay__muted">{t('player.loading')}</p> : null}
          {openError ? <p className="replay__error" role="alert">{t('player.openFailed', { error: t(runtimeKey(openError)) })}</p> : null}
          {open ? <ReplayView key={open.call.id} open={open} audioUrl={audioUrl} /> : null}
        </main>
      </div>
    </div>
  );
}
