export { PracticeCallSource } from './practice-call-source';
export { FIRST_PRACTICE_SCENARIO, practiceScenarioTitle, startLivePractice, startPracticeCall } from './practice-desk';
export { PracticeLauncher } from './components/PracticeLauncher';
export { PracticeSubtitles } from './components/PracticeSubtitles';
export { usePracticeStore, type PracticeCallView, type PracticeLineView } from './practice-store';
export { practiceEn, practiceZhCN } from './locales';
