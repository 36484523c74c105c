import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhoneStore } from '../../phone';
import { normalizeDialNumber, type DialError } from '../dial-number';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Number field (paste-friendly) + dial pad + Call and Redial. */
export function Dialer() {
  const { t } = useTranslation('phone');
  const [text, setText] = useState('');
  const [error, setError] = useState<DialError | null>(null);
  const dial = usePhoneStore((state) => state.dial);
  const lastDialed = usePhoneStore((state) => state.lastDialed);
  const registered = usePhoneStore((state) => state.registration.status === 'registered');

  const place = (input: string) => {
    const result = normalizeDialNumber(input);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setText(result.target);
    void dial(result.target);
  };

  return (
    <section className="panel panel--dialer" data-testid="dialer">
      <h2 className="panel__title">{t('dialer.title')}</h2>
      <form
        className="dialer__form"
        onSubmit={(event) => {
          event.preventDefault();
          place(text);
        }}
      >
        <input
          className="dialer__input"
          data-testid="dial-input"
          aria-label={t('dialer.number')}
          placeholder={t('dialer.placeholder')}
          inputMode="tel"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        {error && (
          <p className="field__error" role="alert" data-testid="dial-error" data-error={error}>
            {t(`dialer.error.${error}`)}
          </p>
        )}
        <div className="keypad">
          {KEYS.map((key) => (
            <button key={key} type="button" className="keypad__key" data-testid={`dial-key-${key}`} onClick={() => setText((v) => v + key)}>
              {key}
            </button>
          ))}
        </div>
        <div className="panel__actions">
          <button type="submit" className="button button--answer" data-testid="dial-call" disabled={!registered}>
            {t('dialer.call')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="dial-redial"
            disabled={!registered || !lastDialed}
            onClick={() => lastDialed && place(lastDialed)}
          >
            {t('dialer.redial')}
          </button>
          <button type="button" className="button" data-testid="dial-clear" onClick={() => setText('')}>
            {t('dialer.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}
