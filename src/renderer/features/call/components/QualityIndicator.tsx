import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../call-session';

/** Call quality as a small dot and a word; the numbers only when asked for. */
export function QualityIndicator({ call }: { call: CallView }) {
  const { t } = useTranslation('phone');
  const [open, setOpen] = useState(false);
  const quality = call.quality;
  if (!quality) return null;
  return (
    <span className={`call-quality call-quality--${quality.grade}`} data-testid="call-quality" data-mos={quality.mos}>
      <button
        type="button"
        className="call-quality__toggle"
        aria-expanded={open}
        title={t('callControl.quality')}
        onClick={() => setOpen((v) => !v)}
      >
        <span className="call-quality__dot" aria-hidden="true" />
        {t(`callControl.grade.${quality.grade}`)}
      </button>
      {open && (
        <span className="call-quality__details" role="status">
          {t('callControl.qualityLine', {
            mos: quality.mos.toFixed(1),
            loss: quality.lossPercent,
            jitter: quality.jitterMs,
            rtt: quality.rttMs ?? '–',
          })}
        </span>
      )}
    </span>
  );
}
