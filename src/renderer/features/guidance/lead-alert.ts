/**
 * The emergency alert to the team lead (班长): a SIP MESSAGE whose body reads
 * as plain text on any SIP phone, and whose last line carries the details
 * as JSON after a marker, so Hotline Desk on the lead's side can show it as
 * an alert card.
 */
export const ALERT_MARKER = '#hotline-desk-alert ';
export const ALERT_CONTENT_TYPE = 'text/plain;charset=utf-8';

export interface LeadAlert {
  kind: 'emergency';
  callId: string;
  callerNumber: string;
  /** Since answer, when the alert was sent. */
  elapsedMs: number;
  agent: { name: string; workNumber: string };
  workOrder: { summary: string; description: string; address: string; category: string };
  matchedTerms: string[];
  sentAt: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function formatLeadAlert(alert: LeadAlert): string {
  const lines = [
    `【紧急 EMERGENCY】坐席 ${alert.agent.workNumber} ${alert.agent.name}`.trim(),
    `来电 Caller: ${alert.callerNumber || '-'}  通话 Elapsed: ${clock(alert.elapsedMs)}`,
    `摘要 Summary: ${alert.workOrder.summary || '-'}`,
  ];
  if (alert.workOrder.address) lines.push(`地址 Address: ${alert.workOrder.address}`);
  if (alert.matchedTerms.length > 0) lines.push(`触发词 Terms: ${alert.matchedTerms.join(', ')}`);
  const description = alert.workOrder.description.length > 500 ? `${alert.workOrder.description.slice(0, 500)}…` : alert.workOrder.description;
  if (description) lines.push(`记录 Notes: ${description}`);
  lines.push(`${ALERT_MARKER}${JSON.stringify(alert)}`);
  return lines.join('\n');
}

/** The alert in a received MESSAGE body, or null when it is not one of ours (or malformed). */
export function parseLeadAlert(body: string): LeadAlert | null {
  const line = body.split('\n').find((text) => text.startsWith(ALERT_MARKER));
  if (!line) return null;
  try {
    const value = JSON.parse(line.slice(ALERT_MARKER.length)) as Partial<LeadAlert>;
    if (value.kind !== 'emergency' || typeof value.callId !== 'string' || typeof value.elapsedMs !== 'number') return null;
    return {
      kind: 'emergency',
      callId: value.callId,
      callerNumber: String(value.callerNumber ?? ''),
      elapsedMs: value.elapsedMs,
      agent: { name: String(value.agent?.name ?? ''), workNumber: String(value.agent?.workNumber ?? '') },
      workOrder: {
        summary: String(value.workOrder?.summary ?? ''),
        description: String(value.workOrder?.description ?? ''),
        address: String(value.workOrder?.address ?? ''),
        category: String(value.workOrder?.category ?? ''),
      },
      matchedTerms: Array.isArray(value.matchedTerms) ? value.matchedTerms.map(String) : [],
      sentAt: typeof value.sentAt === 'number' ? value.sentAt : 0,
    };
  } catch {
    return null;
  }
}
