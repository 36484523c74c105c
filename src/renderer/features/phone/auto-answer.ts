/**
 * Auto-answer, as call centres run ACD calls: off, after N seconds (with a
 * beep), or only when the INVITE asks for it:
 *   Call-Info: <sip:pbx>;answer-after=0          (RFC 7462 style / Asterisk, FreeSWITCH)
 *   Alert-Info: <http://x>;info=alert-autoanswer (Polycom, Yealink)
 *   Alert-Info: <urn:alert:service:intercom>, ;info=intercom, "Ring Answer", auto-answer
 */
export type AutoAnswerMode = 'off' | 'after' | 'header';

export interface AutoAnswerSettings {
  mode: AutoAnswerMode;
  /** For 'after': seconds to ring first (0-30). */
  seconds: number;
}

export const DEFAULT_AUTO_ANSWER: AutoAnswerSettings = { mode: 'off', seconds: 3 };
export const MAX_AUTO_ANSWER_SECONDS = 30;

/** Delay (s) the INVITE asks for, or null when it does not ask. Header values are raw text. */
export function requestedAutoAnswer(headers: { callInfo: readonly string[]; alertInfo: readonly string[] }): number | null {
  for (const value of headers.callInfo) {
    const match = /;\s*answer-after\s*=\s*(\d{1,3})/i.exec(value);
    if (match) return Math.min(Number(match[1]), MAX_AUTO_ANSWER_SECONDS);
  }
  for (const value of headers.alertInfo) {
    const after = /;\s*answer-after\s*=\s*(\d{1,3})/i.exec(value);
    if (after) return Math.min(Number(after[1]), MAX_AUTO_ANSWER_SECONDS);
    if (/(alert-autoanswer|auto-?answer|intercom|ring\s*answer)/i.test(value)) return 0;
  }
  return null;
}

/**
 * Seconds until the call is answered by itself, or null for "let it ring".
 * `busy`: the agent is already on a call (call waiting never auto-answers).
 */
export function autoAnswerDelay(settings: AutoAnswerSettings, requested: number | null, busy: boolean): number | null {
  if (busy) return null;
  switch (settings.mode) {
    case 'off':
      return null;
    case 'after':
      return clampSeconds(settings.seconds);
    case 'header':
      return requested;
  }
}

function clampSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  return Math.min(MAX_AUTO_ANSWER_SECONDS, Math.max(0, Math.round(seconds)));
}
