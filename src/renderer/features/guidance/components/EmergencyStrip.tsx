import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import type { GuidancePrompt } from '../../../../shared/guidance/rules/types';
import { alertTeamLead, dismissReceivedAlert, promptLineUsed, promptPainted, resolveEmergency } from '../guidance-desk';
import { useGuidanceStore } from '../guidance-store';
import '../guidance.css';
import { useLang } from './use-lang';

/**
 * The emergency protocol as a full-width strip, made to sit under the
 * softphone bar (the shell mounts it once). While it is mounted the guidance
 * pane does not show the emergency card itself; without it, the pane shows
 * the same card inline. It closes only when the agent says what was done
 * (reported to the team lead / not an emergency), which goes on the call's
 * timeline. Emergencies colleagues report to this desk (as their team lead)
 * show here too, whether or not this desk is on a call.
 */
export function EmergencyStrip() {
  useEffect(() => {
    useGuidanceStore.setState({ emergencyStripMounted: true });
    return () => useGuidanceStore.setState({ emergencyStripMounted: false });
  }, []);
  return (
    <>
      <EmergencyCard placement="strip" />
      <ReceivedAlerts />
    </>
  );
}

/** The emergency card where it is shown: in the strip, or inline in the guidance pane. */
export function EmergencyCard({ placement }: { placement: 'strip' | 'inline' }) {
  const prompt = useGuidanceStore((state) => state.emergency);
  if (!prompt) return null;
  return <Emergency prompt={prompt} placement={placement} />;
}

function Emergency({ prompt, placement }: { prompt: GuidancePrompt; placement: 'strip' | 'inline' }) {
  const { t } = useTranslation('guidance');
  const { say } = useLang();
  const values = useGuidanceStore((state) => state.values);
  const id = prompt.id;

  useEffect(() => {
    const frame = requestAnimationFrame(() => promptPainted(id));
    return () => cancelAnimationFrame(frame);
  }, [id]);

  const current = prompt.step?.index ?? 0;
  return (
    <section
      className={`emergency-strip emergency-strip--${placement}`}
      data-testid="prompt-card"
      data-kind="emergency"
      data-key={prompt.key}
      data-prompt-id={prompt.id}
      role="alert"
      aria-label={say(prompt.title)}
    >
      <div className="emergency-strip__head">
        <h3 className="emergency-strip__title">{say(prompt.title)}</h3>
        {prompt.matchedTerms && prompt.matchedTerms.length > 0 && (
          <span className="emergency-strip__terms">{t('guidance.prompt.matched', { terms: prompt.matchedTerms.join('、') })}</span>
        )}
      </div>
      <ol className="emergency-strip__lines">
        {prompt.lines.map((line, index) => {
          const text = say(line, values);
          return (
            <li key={index} className={index === current ? 'guidance-line guidance-line--current' : 'guidance-line'}>
              <button type="button" className="guidance-phrase" data-testid="prompt-line" onClick={() => promptLineUsed(prompt, index, text)}>
                {text}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="emergency-strip__actions">
        <LeadAlertAction />
        <span className="emergency-strip__ask" id={`${prompt.id}-ask`}>
          {t('guidance.emergency.ask')}
        </span>
        <div role="group" aria-labelledby={`${prompt.id}-ask`} className="emergency-strip__answers">
          <Button theme="danger" variant="outline" data-testid="emergency-reported" onClick={() => resolveEmergency('reported')}>
            {t('guidance.emergency.reported')}
          </Button>
          <Button variant="outline" data-testid="emergency-not-emergency" onClick={() => resolveEmergency('not-emergency')}>
            {t('guidance.emergency.notEmergency')}
          </Button>
        </div>
      </div>
    </section>
  );
}

function LeadAlertAction() {
  const { t } = useTranslation('guidance');
  const alert = useGuidanceStore((state) => state.leadAlert);
  return (
    <div className="guidance-lead-alert">
      <Button
        theme="danger"
        data-testid="lead-alert-button"
        data-state={alert.state}
        disabled={alert.state === 'sending'}
        onClick={() => void alertTeamLead()}
      >
        {t('guidance.emergency.alertLead')}
      </Button>
      {alert.state !== 'idle' && (
        <span className={`guidance-lead-alert__state guidance-lead-alert__state--${alert.state}`} data-testid="lead-alert-state" role="status">
          {t(`guidance.emergency.state.${alert.state}`)}
        </span>
      )}
    </div>
  );
}

/** Emergency alerts colleagues sent to this desk (it is their team lead's). */
export function ReceivedAlerts() {
  const { t } = useTranslation('guidance');
  const alerts = useGuidanceStore((state) => state.receivedAlerts);
  if (alerts.length === 0) return null;
  return (
    <>
      {alerts.map((alert) => (
        <section key={`${alert.callId}:${alert.sentAt}`} className="guidance-card guidance-card--critical" role="alert" data-testid="received-alert">
          <h3 className="guidance-card__title">{t('guidance.received.title', { workNumber: alert.agent.workNumber, name: alert.agent.name })}</h3>
          <p data-testid="received-alert-caller">{t('guidance.received.caller', { number: alert.callerNumber, minutes: Math.floor(alert.elapsedMs / 60000), seconds: Math.floor(alert.elapsedMs / 1000) % 60 })}</p>
          {alert.workOrder.summary && <p>{alert.workOrder.summary}</p>}
          {alert.matchedTerms.length > 0 && <p className="guidance-card__terms">{t('guidance.prompt.matched', { terms: alert.matchedTerms.join('、') })}</p>}
          <div className="guidance-card__actions">
            <button type="button" className="button" onClick={() => dismissReceivedAlert(alert.sentAt, alert.callId)}>
              {t('guidance.prompt.acknowledge')}
            </button>
          </div>
        </section>
      ))}
    </>
  );
}

