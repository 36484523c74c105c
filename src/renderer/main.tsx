// First: configures zod before any schema module is evaluated.
import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n';
import { App } from './app/App';
import { ReplayRoot } from './app/ReplayRoot';
import { DesignSystem } from './app/DesignSystem';
// After the design system's styles, so the app's own rules win ties.
import './styles.css';
import { boot } from './app/boot';
import { BridgeMissing } from './app/BridgeMissing';
import { connectBridge } from './ipc/bridge';
import { mark } from './base/perf-marks';

mark('hotline:main-eval', '');
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Read the bridge once, before anything can need it.
const connected = connectBridge() !== null;

// Start-up's requests to main (settings, then the phone's registration) go out before React's
// first render and paint, not from an effect after them: registering is what the agent waits for.
// The replay (#/replay) is a trainer's screen: it starts no phone until the desk is shown.
if (connected && !location.hash.startsWith('#/replay')) void boot();

createRoot(container).render(<StrictMode>{connected ? (
      <DesignSystem>
        <ReplayRoot desk={<App />} onDesk={() => void boot()} />
      </DesignSystem>
    ) : (
      <BridgeMissing />
    )}</StrictMode>);
