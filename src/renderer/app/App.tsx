import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
import { loadPhonePreferencesPanel, RegistrationStatus } from '../features/phone';
import { loadRecordingSettingsPanel } from '../features/recording';
import { loadSettingsForm, LanguageSelect, useSettingsStore } from '../features/settings';
import { PracticeLauncher } from '../features/practice';
import { loadSignInScreen, useSignInStore } from '../features/sign-in';
import { loadDepartmentsEditor, loadServiceSettingsPanel, SyncOverviewLine } from '../features/sync';
import { BackToWelcome, WelcomePanel } from '../features/welcome';
import { AgentAlertStatus, loadEmergencyAlerts, loadFloorScreen, useFloorStore } from '../features/floor';
import { AlertStrip } from './AlertStrip';
import { loadAndStart } from './boot';
import { useDeskKeyboard } from './desk-keyboard';
import { MainScreen } from './MainScreen';
import { SoftphoneBar } from './SoftphoneBar';
import { runtimeKey } from '../i18n/i18n-key';
import { lazyPart } from './lazy-part';

// Not on a working desk's first screen: each part's code loads the first time it is shown, so none of it is
// parsed or run before the phone has registered (a lead's emergency cards ahead of time, once the desk is idle).
const SignInScreen = lazyPart(loadSignInScreen);
const FloorScreen = lazyPart(loadFloorScreen);
const EmergencyAlerts = lazyPart(loadEmergencyAlerts, { warm: true });
const SettingsForm = lazyPart(loadSettingsForm);
const ServiceSettingsPanel = lazyPart(loadServiceSettingsPanel);
const DepartmentsEditor = lazyPart(loadDepartmentsEditor);
const PhonePreferencesPanel = lazyPart(loadPhonePreferencesPanel);
const RecordingSettingsPanel = lazyPart(loadRecordingSettingsPanel);

/**
 * Sign-in first on a desk the centre has not set up; the desk itself once signed
 * in, or when the phone was set up by hand (centres without the sign-in service).
 */
export function App() {
  const { t } = useTranslation();
  const signIn = useSignInStore((state) => state.status);
  const signInUnknown = useSignInStore((state) => state.loadFailed);
  // 'practice': no centre and no PBX yet, the desk takes practice calls only (out of the box, offline).
  const [mode, setMode] = useState<'auto' | 'manual' | 'practice'>('auto');
  const title = t('app.title');
  useEffect(() => {
    document.title = title;
  }, [title]);

  if (signIn === null && !signInUnknown) return <div className="app" />;
  if (signIn?.state === 'signed-out' && !signIn.manualSetup && mode === 'auto') {
    const startPractice = () => {
      setMode('practice');
      useSettingsStore.getState().closeForm();
    };
    const manualSetup = () => {
      setMode('manual');
      useSettingsStore.getState().openForm();
    };
    // Never signed in and no phone set up: the first start, where the welcome offers a practice call first.
    const firstStart = signIn.centreUrl === '' && signIn.reason === null;
    const signInScreen = <SignInScreen onManualSetup={manualSetup} />;
    return (
      <div className="app app--sign-in">
        <header className="softphone-bar">
          <div className="softphone-bar__row">
            <h1 className="softphone-bar__title">{title}</h1>
            <span className="softphone-bar__tools">
              {!firstStart && <PracticeLauncher onStart={startPractice} />}
              <LanguageSelect />
            </span>
          </div>
        </header>
        <div className="app__body app__body--scroll">
          {firstStart ? (
            <div className="welcome-page">
              <WelcomePanel onPractice={startPractice} onSetUpPbx={manualSetup} />
              {signInScreen}
            </div>
          ) : (
            signInScreen
          )}
        </div>
      </div>
    );
  }
  return <Desk practiceOnly={mode === 'practice'} onLeavePractice={() => setMode('auto')} />;
}

function Desk({ practiceOnly, onLeavePractice }: { practiceOnly: boolean; onLeavePractice(): void }) {
  const { t } = useTranslation();
  const status = useSettingsStore((state) => state.status);
  const loadError = useSettingsStore((state) => state.loadError);
  const formOpen = useSettingsStore((state) => state.formOpen);
  // A lead who also takes calls switches between the desk and the floor (FloorSwitch, Ctrl+Alt+F).
  const floorShown = useFloorStore((state) => state.screen === 'floor' && state.connection.state !== 'off');
  // A lead's emergency cards, from the first alert the floor brings (their code is loaded ahead, once idle).
  const alertsOnFloor = useFloorStore((state) => state.alerts.size > 0);
  useDeskKeyboard();

  let content;
  if (status === 'loading') {
    content = <p className="muted centered">{t('app.loading')}</p>;
  } else if (status === 'load-failed') {
    content = (
      <div className="notice notice--error centered" role="alert">
        <p>{t('app.loadFailed', { reason: t(runtimeKey(loadError ?? 'ipcErrors.internal')) })}</p>
        <Button onClick={() => void loadAndStart()}>{t('app.retry')}</Button>
      </div>
    );
  } else {
    // The main screen stays mounted under the settings, so a call that rings meanwhile is
    // not lost; the settings open below the softphone bar, whose Answer button stays in reach.
    content = (
      <>
        {/* The desk stays mounted under the floor, so a call that rings meanwhile is not lost. */}
        <div className="app__screen" style={{ display: floorShown ? 'none' : 'contents' }}>
          <MainScreen />
        </div>
        {floorShown && <FloorScreen />}
        {formOpen && !practiceOnly && (
          <div className="overlay" data-testid="settings-overlay">
            <SettingsForm />
            <ServiceSettingsPanel />
            <DepartmentsEditor />
            <PhonePreferencesPanel />
            <RecordingSettingsPanel />
          </div>
        )}
      </>
    );
  }

  return (
    <div className="app">
      <SoftphoneBar practiceOnly={practiceOnly} />
      <AlertStrip />
      <AgentAlertStatus />
      {alertsOnFloor && <EmergencyAlerts />}
      <div className="app__body">{content}</div>
      <div className="status-row">
        {/* Practice only (nothing set up yet): back to the welcome without a restart. */}
        {practiceOnly && <BackToWelcome onBack={onLeavePractice} />}
        <RegistrationStatus />
        <SyncOverviewLine />
      </div>
    </div>
  );
}
