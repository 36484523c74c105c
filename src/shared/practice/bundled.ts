import abusiveCaller from './scenarios/abusive-caller.json';
import blindCallerMedicine from './scenarios/blind-caller-medicine.json';
import elderlyHardOfHearing from './scenarios/elderly-hard-of-hearing.json';
import landCompensation from './scenarios/land-compensation.json';
import policyQuestion from './scenarios/policy-question.json';
import repeatCaller from './scenarios/repeat-caller.json';
import silentCall from './scenarios/silent-call.json';
import unpaidWagesThreat from './scenarios/unpaid-wages-threat.json';
import { ScenarioSchema, type Scenario } from './schema';

/**
 * The scenarios we ship, easiest first. Trainers edit the JSON files (or
 * copies read with `parseScenario`); this validates them (and fills their
 * defaults) once, on first use rather than at load: the desk's start does not
 * need them (12.7 ms of its main thread), and a broken edit still fails the
 * unit tests instead of a trainee's practice call.
 */
let bundled: readonly Scenario[] | null = null;

export function bundledScenarios(): readonly Scenario[] {
  bundled ??= [
    policyQuestion,
    elderlyHardOfHearing,
    blindCallerMedicine,
    repeatCaller,
    silentCall,
    abusiveCaller,
    landCompensation,
    unpaidWagesThreat,
  ].map((json) => ScenarioSchema.parse(json));
  return bundled;
}

export function bundledScenario(id: string): Scenario | undefined {
  return bundledScenarios().find((scenario) => scenario.id === id);
}
