import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { useCallBoard } from '../../call-session';
import { recordingDesk } from '../recording-desk';
import { useRecordingStore } from '../recording-store';
import '../recording.css';

/** For the call in front: 录音中 while it is recorded, or 开始录音 when the desk records on demand. */
export function RecordingBadge() {
  const { t } = useTranslation('recording');
  const call = useCallBoard((state) => state.call);
  const state = useRecordingStore((store) => (call ? store.calls[call.id] : undefined));
  if (!call || call.phase !== 'active' || !state || state === 'off') return null;
  if (state === 'available') {
    return (
      <Button size="small" variant="outline" data-testid="recording-start" onClick={() => recordingDesk.recordNow(call.id)}>
        {t('startNow')}
      </Button>
    );
  }
  return (
    <span className={`recording-badge recording-badge--${state}`} data-testid="recording-badge" data-state={state} role="status">
      {t(`state.${state}`)}
    </span>
  );
}
