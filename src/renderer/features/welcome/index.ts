export { BackToWelcome } from './components/BackToWelcome';
export { WelcomePanel, type WelcomePanelProps } from './components/WelcomePanel';
export { welcomeEn, welcomeZhCN } from './locales';
