import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input } from 'tdesign-react';
import { runtimeKey } from '../../../i18n/i18n-key';
import '../sign-in.css';
import { centralSignOut, useSignInStore, type SignInField, type SignInProblem } from '../sign-in-store';

const { FormItem } = Form;

export interface SignInScreenProps {
  /** The secondary path for centres without the sign-in service: the shell opens the phone settings. */
  onManualSetup(): void;
}

/** Failure → the words for it; never the centre's own text. */
function problemKey(problem: SignInProblem): { key: string; minutes?: number } {
  if (problem.failure === 'locked-out' && problem.retryAfterMinutes !== null) {
    return { key: 'signIn.failure.lockedOutMinutes', minutes: problem.retryAfterMinutes };
  }
  return { key: `signIn.failure.${problem.failure}` };
}

/** Work number and password against the centre service; the centre hands the desk everything else. */
export function SignInScreen({ onManualSetup }: SignInScreenProps) {
  const { t } = useTranslation('signIn');
  const titleId = useId();
  const { status, loadFailed, form, errors, submitting, problem, edit, signIn, load } = useSignInStore();

  useEffect(() => {
    if (useSignInStore.getState().status === null) void useSignInStore.getState().load();
  }, []);

  const notice = centralSignOut(status);
  const said = problem ? problemKey(problem) : null;
  const field = (name: SignInField, type: 'text' | 'password' | 'url', autocomplete: string) => (
    <FormItem
      label={t(`signIn.${name}`)}
      status={errors[name] ? 'error' : undefined}
      tips={errors[name] ? t(runtimeKey(errors[name])) : name === 'centreUrl' ? t('signIn.centreUrlHint') : undefined}
    >
      {/* Wrapped: a FormItem takes over the value of an Input that is its direct child (its own state, not the store's). */}
      <div className="sign-in__control">
        <Input
          name={name}
          type={type}
          value={form[name]}
          autocomplete={autocomplete}
          status={errors[name] ? 'error' : 'default'}
          data-testid={`sign-in-${name}`}
          onChange={(value) => edit(name, String(value))}
          onEnter={() => void signIn()}
        />
      </div>
    </FormItem>
  );

  return (
    <section className="sign-in" data-testid="sign-in-screen" aria-labelledby={titleId}>
      <h2 className="sign-in__title" id={titleId}>
        {t('signIn.title')}
      </h2>
      <p className="sign-in__intro muted">{t('signIn.intro')}</p>
      {notice && <Alert theme="warning" data-testid="sign-in-signed-out-notice" message={t(`signIn.notice.${notice}`)} />}
      {loadFailed && (
        <Alert
          theme="error"
          message={t('signIn.loadFailed')}
          operation={
            <Button variant="text" onClick={() => void load()}>
              {t('signIn.retry')}
            </Button>
          }
        />
      )}
      <Form
        className="sign-in__form"
        labelAlign="top"
        requiredMark={false}
        statusIcon={false}
        onSubmit={() => void signIn()}
      >
        {field('centreUrl', 'url', 'url')}
        {field('workNumber', 'text', 'username')}
        {field('password', 'password', 'current-password')}
        {said && (
          <div role="alert" data-testid="sign-in-problem" data-failure={problem?.failure}>
            <Alert theme="error" message={t(runtimeKey(said.key), said.minutes !== undefined ? { minutes: said.minutes } : {})} />
          </div>
        )}
        <div className="sign-in__actions">
          <Button type="submit" theme="primary" block loading={submitting} disabled={submitting} data-testid="sign-in-submit">
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
          <Button variant="text" theme="default" data-testid="sign-in-manual-setup" onClick={onManualSetup}>
            {t('signIn.manualSetup')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
