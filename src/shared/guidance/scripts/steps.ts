/**
 * The seven steps of a call, in the order the norm asks for. Its own zod-free
 * module: the renderer needs the list, not the script-pack schema (which it
 * never parses; main validates packs and sends them over IPC).
 */
export const SCRIPT_STEP_IDS = ['greeting', 'listen', 'restate', 'scope-check', 'dispatch', 'next-steps', 'closing'] as const;
export type ScriptStepId = (typeof SCRIPT_STEP_IDS)[number];
