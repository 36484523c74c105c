// The sign-in test page: the real app (src/renderer/app) with the sign-in feature
// mounted in front of it the way the shell is asked to mount it (see
// /work/helpers/desk-sign-in-report.md), until the shell does so itself.
import '../../../../src/renderer/zod-csp';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../../src/renderer/i18n/i18n';
import { App } from '../../../../src/renderer/app/App';
import { DesignSystem } from '../../../../src/renderer/app/DesignSystem';
import '../../../../src/renderer/styles.css';
import { boot, loadAndStart } from '../../../../src/renderer/app/boot';
import { connectBridge } from '../../../../src/renderer/ipc/bridge';
import { SignInScreen, SignedInBadge, startSignIn, useSignInStore } from '../../../../src/renderer/features/sign-in';
import { usePhoneStore } from '../../../../src/renderer/features/phone';
import { useSettingsStore } from '../../../../src/renderer/features/settings';

function Desk() {
  const status = useSignInStore((state) => state.status);
  const [manual, setManual] = useState(false);
  if (status === null) return null;
  if (status.state === 'signed-out' && !status.manualSetup && !manual) {
    return (
      <SignInScreen
        onManualSetup={() => {
          setManual(true);
          useSettingsStore.getState().openForm();
        }}
      />
    );
  }
  return (
    <>
      <SignedInBadge />
      <App />
    </>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
if (connectBridge() === null) throw new Error('no bridge');
startSignIn({
  onSignedIn: () => loadAndStart(),
  onSignedOut: () => usePhoneStore.getState().stop(),
});
void boot();
createRoot(container).render(
  <StrictMode>
    <DesignSystem>
      <Desk />
    </DesignSystem>
  </StrictMode>,
);
