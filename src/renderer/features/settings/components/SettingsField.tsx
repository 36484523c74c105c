import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsField as Field } from '../settings-form';
import { runtimeKey } from '../../../i18n/i18n-key';

const TEST_IDS: Record<Field, string> = {
  wsServer: 'settings-ws-server',
  sipUri: 'settings-sip-uri',
  authUser: 'settings-auth-user',
  password: 'settings-password',
  displayName: 'settings-display-name',
  workNumber: 'settings-work-number',
  city: 'settings-city',
  cityEn: 'settings-city-en',
};

interface Props {
  field: Field;
  value: string;
  /** i18n key of the error, if any. */
  error: string | undefined;
  onChange(value: string): void;
  type?: 'text' | 'password' | 'url';
  hint?: ReactNode;
  autoComplete?: string;
}

/** Label, input, optional hint and the field's error right under it. */
export function SettingsField({ field, value, error, onChange, type = 'text', hint, autoComplete = 'off' }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(`settings.${field}`)}</label>
      <input
        id={id}
        type={type}
        value={value}
        data-testid={TEST_IDS[field]}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && <span className="field__hint">{hint}</span>}
      {error && (
        <span id={errorId} className="field__error" data-testid={`settings-error-${field}`}>
          {t(runtimeKey(error))}
        </span>
      )}
    </div>
  );
}
