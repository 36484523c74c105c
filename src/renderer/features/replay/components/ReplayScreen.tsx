import { useEffect, useState } from 'react';
import { Button } from 'tdesign-react';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../../../i18n/i18n';
import { bridge } from '../../../ipc/bridge';
import { unwrap } from '../../../ipc/ipc-call-error';
import { runtimeKey } from '../../../i18n/i18n-key';
import { useReplayStore } from '../replay-store';
import { CallList } from './CallList';
import { CentreCallList } from './CentreCallList';
import { CentreCallView } from './CentreCallView';
import { ImportedReviewList, ImportedReviewView } from './ImportedReviews';
import { exportBundle, useImportedReviews } from '../imported-reviews-store';
import { TemplateEditor } from '../../scorecard';
import { ReplayView } from './ReplayView';
import '../replay.css';

/** Case review (回放): the call list on the left, the call opened from it on the right. */
export function ReplayScreen() {
  const { t } = useTranslation('replay');
  const { open, opening, openError, audioUrl } = useReplayStore();
  // This desk's calls, or the centre's calls of the trainer's teams (fetched from the centre).
  const [source, setSource] = useState<'desk' | 'centre' | 'imported' | 'template'>('desk');
  const imported = useImportedReviews();
  const [exported, setExported] = useState<'done' | 'failed' | null>(null);
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
        <span className="replay__source" role="group">
          {(['desk', 'centre', 'imported', 'template'] as const).map((which) => (
            <Button key={which} size="small" variant={source === which ? 'base' : 'outline'} aria-pressed={source === which} onClick={() => setSource(which)} data-testid={`replay-source-${which}`}>
              {t(`source.${which}`)}
            </Button>
          ))}
        </span>
        {source === 'desk' && open ? (
          <Button size="small" variant="outline" data-testid="bundle-export" onClick={() => void exportBundle(open.call.id).then((done) => setExported(done ? 'done' : 'failed'), () => setExported('failed'))}>
            {t('bundle.export')}
          </Button>
        ) : null}
        {exported ? <span className="replay__muted" role="status">{t(exported === 'done' ? 'bundle.exported' : 'bundle.exportFailed')}</span> : null}
        <a href="#/" className="replay__back">{t('back')}</a>
      </header>
      {source === 'template' ? <TemplateEditor /> : null}
      <div className="replay__body" hidden={source === 'template'}>
        {source === 'desk' ? <CallList /> : source === 'centre' ? <CentreCallList /> : source === 'imported' ? <ImportedReviewList /> : null}
        <main className="replay__main">
          {opening ? <p className="replay__muted">{t('player.loading')}</p> : null}
          {openError ? <p className="replay__error" role="alert">{t('player.openFailed', { error: t(runtimeKey(openError)) })}</p> : null}
          {source === 'desk' && open ? <ReplayView key={open.call.id} open={open} audioUrl={audioUrl} /> : null}
          {source === 'centre' ? <CentreCallView /> : null}
          {source === 'imported' && imported.open ? <ImportedReviewView key={imported.open.id} review={imported.open} audioUrl={imported.audioUrl} /> : null}
        </main>
      </div>
    </div>
  );
}
