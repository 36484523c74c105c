import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { toggleScreen, useFloorStore } from '../floor-store';

/** The key a lead switches between their desk and the floor with. */
export const FLOOR_SWITCH_KEY = { ctrl: true, alt: true, key: 'f', label: 'Ctrl+Alt+F' } as const;

/** For a lead: the button (and the key) between the desk and the floor; its badge counts alerts nobody took. */
export function FloorSwitch() {
  const { t } = useTranslation('floor');
  const screen = useFloorStore((state) => state.screen);
  const connection = useFloorStore((state) => state.connection.state);
  const waiting = useFloorStore((state) => [...state.alerts.values()].filter((alert) => alert.acknowledgedAt === null).length);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.altKey && event.key.toLowerCase() === FLOOR_SWITCH_KEY.key) {
        event.preventDefault();
        toggleScreen();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  if (connection === 'off') return null;
  return (
    <Button
      variant={screen === 'floor' ? 'base' : 'outline'}
      onClick={toggleScreen}
      title={t('switchHint', { key: FLOOR_SWITCH_KEY.label })}
      data-testid="floor-switch"
      data-screen={screen}
    >
      {screen === 'floor' ? t('toDesk') : t('toFloor')}
      {waiting > 0 && (
        <span className="floor-switch__badge" data-testid="floor-switch-alerts">
          {waiting}
        </span>
      )}
    </Button>
  );
}
