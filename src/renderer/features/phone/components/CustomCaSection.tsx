import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomCaInfo } from '../../../../shared/domain/phone-preferences';
import { formatDateTime } from '../../../format/clock';
import { bridge } from '../../../ipc/bridge';
import { IpcCallError, unwrap } from '../../../ipc/ipc-call-error';
import { runtimeKey } from '../../../i18n/i18n-key';

const MAX_FILE_BYTES = 16_384;

/** The i18n key for a refused certificate: the field issue main sent, else a generic one. */
function caErrorKey(error: unknown): string {
  if (error instanceof IpcCallError) return error.issues[0]?.message ?? 'phonePrefs.caErrors.saveFailed';
  return 'phonePrefs.caErrors.saveFailed';
}

/**
 * A centre's own CA for a `wss://` server: pasted or read from a .pem/.crt
 * file, checked by main (X.509, CA:TRUE, not expired), shown with subject and expiry.
 */
export function CustomCaSection() {
  const { t } = useTranslation('phone');
  const [ca, setCaInfo] = useState<(CustomCaInfo & { expired: boolean }) | null>(null);
  // Checked when the certificate is read, not while rendering.
  const setCa = (info: CustomCaInfo | null) => setCaInfo(info && { ...info, expired: info.validToMs < Date.now() });
  const [pem, setPem] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(bridge().phone.getCustomCa({})).then(
      (view) => live && setCa(view.ca),
      (e: unknown) => console.warn('Could not read the custom CA', e),
    );
    return () => {
      live = false;
    };
  }, []);

  const save = async (value: string | null) => {
    try {
      const view = await unwrap(bridge().phone.setCustomCa({ pem: value }));
      setCa(view.ca);
      setError(null);
      setPem('');
    } catch (e) {
      setError(caErrorKey(e));
    }
  };

  const expired = ca?.expired ?? false;
  return (
    <fieldset className="field field--ca" data-testid="custom-ca">
      <legend>{t('phonePrefs.ca.title')}</legend>
      {ca ? (
        <div data-testid="custom-ca-info" data-fingerprint={ca.fingerprint256}>
          <p data-testid="custom-ca-subject">{t('phonePrefs.ca.subject', { subject: ca.subject.replace(/\n/g, ', ') })}</p>
          <p data-testid="custom-ca-expiry" className={expired ? 'field__error' : 'muted'}>
            {t(expired ? 'phonePrefs.ca.expired' : 'phonePrefs.ca.expires', { date: formatDateTime(ca.validToMs) })}
          </p>
          <button type="button" className="button button--small" data-testid="custom-ca-remove" onClick={() => void save(null)}>
            {t('phonePrefs.ca.remove')}
          </button>
        </div>
      ) : (
        <p className="muted">{t('phonePrefs.ca.none')}</p>
      )}
      <textarea
        data-testid="custom-ca-pem"
        rows={3}
        spellCheck={false}
        placeholder={t('phonePrefs.ca.paste')}
        value={pem}
        onChange={(event) => setPem(event.target.value)}
      />
      <label className="field">
        <span>{t('phonePrefs.ca.file')}</span>
        <input
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          data-testid="custom-ca-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            if (file.size > MAX_FILE_BYTES) {
              setError('phonePrefs.caErrors.notPem');
              return;
            }
            void file.text().then(setPem);
          }}
        />
      </label>
      <button
        type="button"
        className="button"
        data-testid="custom-ca-save"
        disabled={pem.trim() === ''}
        onClick={() => void save(pem)}
      >
        {t('phonePrefs.ca.save')}
      </button>
      {error && (
        <p className="field__error" role="alert" data-testid="custom-ca-error" data-error={error}>
          {t(runtimeKey(error))}
        </p>
      )}
    </fieldset>
  );
}
