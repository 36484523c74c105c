/** Practice calls (情景模拟), the pure layer: scenarios as data, their checker, and the simulated caller. */
export * from './schema';
export { parseScenario, describeScenarioProblem, type ScenarioProblem, type ParseScenarioResult } from './parse-scenario';
export { checkScenario, type ScenarioFinding } from './check-scenario';
export { holds, implies, LATCHING_FACTS, type Facts, type LatchingFact } from './conditions';
export {
  startPractice,
  observePractice,
  runPractice,
  factsAt,
  OPENING_WAIT_MS,
  type PracticeAction,
  type PracticeObservation,
  type PracticePhase,
  type PracticeState,
  type PracticeStep,
} from './runner';
export { bundledScenarios, bundledScenario } from './bundled';
export { PRACTICE_HEADER, practiceHeaderLine, trustedPracticeScenario, type PracticeInvite } from './live-practice';
export * from './result';
