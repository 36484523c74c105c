import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { Language } from '../../../../shared/domain/settings';
import { PracticeLauncher, startPracticeCall, FIRST_PRACTICE_SCENARIO, practiceScenarioTitle } from '../../practice';
import '../welcome.css';

export interface WelcomePanelProps {
  /** Before the practice caller rings: the shell switches to the desk. */
  onPractice(): void;
  /** The shell opens the phone settings. */
  onSetUpPbx(): void;
}

/**
 * First start, nothing set up: a practice call is one key away (the first
 * button has the focus, Enter rings the easiest scenario), with another
 * scenario, the centre sign-in (beside this panel) or a PBX set up by hand
 * as the other ways on.
 */
export function WelcomePanel({ onPractice, onSetUpPbx }: WelcomePanelProps) {
  const { t, i18n } = useTranslation('welcome');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const titleId = useId();
  const start = () => {
    onPractice();
    startPracticeCall(FIRST_PRACTICE_SCENARIO, lang);
  };
  return (
    <section className="welcome" data-testid="welcome" aria-labelledby={titleId}>
      <h2 className="welcome__title" id={titleId}>
        {t('welcome.title')}
      </h2>
      <p className="welcome__intro">{t('welcome.intro')}</p>
      <div className="welcome__actions">
        <Button theme="primary" size="large" block autoFocus onClick={start} data-testid="welcome-practice">
          <span className="welcome__action">
            <strong>{t('welcome.practiceNow')}</strong>
            <span className="welcome__hint">{t('welcome.practiceNowHint', { title: practiceScenarioTitle(FIRST_PRACTICE_SCENARIO, lang) })}</span>
          </span>
        </Button>
        <PracticeLauncher label={t('welcome.otherScenarios')} onStart={onPractice} />
      </div>
      <h3 className="welcome__subtitle">{t('welcome.readyTitle')}</h3>
      <p className="welcome__intro muted">{t('welcome.readyText')}</p>
      <div className="welcome__actions">
        <Button variant="outline" onClick={onSetUpPbx} data-testid="welcome-set-up-pbx">
          {t('welcome.setUpPbx')}
        </Button>
      </div>
      <p className="welcome__keys muted">{t('welcome.keys')}</p>
    </section>
  );
}
