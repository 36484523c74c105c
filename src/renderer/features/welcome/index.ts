export { WelcomePanel, type WelcomePanelProps } from './components/WelcomePanel';
export { welcomeEn, welcomeZhCN } from './locales';
