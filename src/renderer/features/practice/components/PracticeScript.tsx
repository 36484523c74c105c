import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../shared/domain/settings';
import type { Scenario } from '../../../../shared/practice';
import '../practice.css';

/**
 * The trainer's side of a live practice call: the caller to play (who they
 * are, what they really want) and the scenario's lines, each with the turns
 * the trainee's handling leads to, as a script to read.
 */
export function PracticeScriptView({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation('practice');
  const lang: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const caller = scenario.caller;
  // Each turn names the line it leads to by its number in this list.
  return (
    <section className="practice-subtitles practice-script" aria-label={t('practice.scriptBadge')} data-testid="practice-script" data-scenario={scenario.id}>
      <header className="practice-subtitles__head">
        <span className="practice-subtitles__badge">{t('practice.scriptBadge')}</span>
        <span className="practice-subtitles__title">{scenario.title[lang]}</span>
      </header>
      <p className="practice-script__profile">{t('practice.scriptProfile', { name: caller.name[lang], age: caller.age, manner: caller.manner[lang] })}</p>
      <p className="practice-script__profile">{t('practice.scriptRealWant', { want: caller.realWant[lang] })}</p>
      <h4 className="practice-script__heading">{t('practice.scriptLines')}</h4>
      <ol className="practice-script__lines">
        {scenario.lines.map((line) => (
          <li key={line.id} data-line-id={line.id}>
            <span className={`practice-subtitles__mood practice-subtitles__mood--${line.mood ?? scenario.mood}`}>{t(`practice.mood.${line.mood ?? scenario.mood}`)}</span>{' '}
            {line.silent ? `${t('practice.stageDirection')} ` : ''}
            {line.text[lang]}
            {line.end ? ` ${t('practice.scriptEnd')}` : ''}
            {line.branches.some((branch) => branch.note) && (
              <ul className="practice-script__turns">
                {line.branches
                  .filter((branch) => branch.note)
                  .map((branch, index) => (
                    <li key={index}>
                      {branch.note?.[lang]} → {scenario.lines.findIndex((target) => target.id === branch.goto) + 1}
                    </li>
                  ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
