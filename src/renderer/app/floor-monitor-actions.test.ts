import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { FloorAgentSchema, type FloorAgent, type FloorAlert } from '../../shared/domain/floor';
import { useFloorActions, type FloorAgentActionsProps } from '../features/floor';
import type { MonitorActionsProps } from '../features/monitor';
import { startFloorWiring } from './floor-wiring';

// Rendered to static markup (the unit project has no DOM): zustand hooks read their initial state there,
// so the registered slot component is taken from the store and rendered as the floor's slot renders it.

const NOW = Date.UTC(2026, 11, 2, 8);

function agent(change: Partial<FloorAgent> = {}): FloorAgent {
  return FloorAgentSchema.parse({
    agentState: 'ready',
    since: NOW - 60_000,
    callPhase: 'idle',
    personId: 'person-0307',
    workNumber: '0307',
    name: '李娜',
    teamId: 'team-a',
    reportedAt: NOW - 1_000,
    ...change,
  });
}

const ALERT = {
  id: 'alert-1',
  teamId: 'team-a',
  agent: { personId: 'person-0307', workNumber: '0307', name: '李娜' },
  callId: 'desk-call-77',
  callerNumber: '138****5678',
  reason: 'manual',
  matchedTerms: [],
  raisedAt: NOW,
  escalateAt: NOW + 60_000,
  acknowledgedBy: null,
  acknowledgedAt: null,
  escalatedAt: null,
} as unknown as FloorAlert;

function slot() {
  const component = useFloorActions.getState().component;
  if (!component) throw new Error('nothing registered in the floor action slot');
  return {
    html: (props: FloorAgentActionsProps) => renderToStaticMarkup(createElement(component, props)),
    /** What the slot hands the monitor's buttons (the component is a plain function of its props). */
    monitorProps: (props: FloorAgentActionsProps) => ((component as (p: FloorAgentActionsProps) => ReactElement<MonitorActionsProps>)(props)).props,
  };
}

/** The four monitor buttons of the markup: testid → disabled. */
function buttons(html: string): Record<string, boolean> {
  const found: Record<string, boolean> = {};
  for (const match of html.matchAll(/<button[^>]*data-testid="monitor-(listen|whisper|barge|takeover)"[^>]*>/g)) found[match[1]!] = /\sdisabled=""/.test(match[0]);
  return found;
}

const ENABLED = { listen: false, whisper: false, barge: false, takeover: false };
const DISABLED = { listen: true, whisper: true, barge: true, takeover: true };

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
});

describe("the floor's action slot shows the monitor's buttons for the agent's call (app/floor-wiring)", () => {
  it('the wiring registers the monitor actions, and takes them away when stopped', () => {
    stop = startFloorWiring();
    expect(useFloorActions.getState().component).not.toBeNull();
    stop();
    stop = null;
    expect(useFloorActions.getState().component).toBeNull();
  });

  it('a row (and the drawer) of an agent in a call: Listen/Whisper/Barge/Take over enabled, for the call id the desk reported', () => {
    stop = startFloorWiring();
    const { html, monitorProps } = slot();
    const onCall = agent({ callPhase: 'talking', callStartedAt: NOW - 30_000, callId: 'desk-call-42' });
    for (const context of ['row', 'drawer'] as const) {
      const markup = html({ agent: onCall, context });
      expect(markup).toContain('data-testid="monitor-actions"');
      expect(markup).toContain('data-agent="person-0307"');
      expect(buttons(markup)).toEqual(ENABLED);
      expect(monitorProps({ agent: onCall, context })).toMatchObject({ agentPersonId: 'person-0307', callId: 'desk-call-42', agentLabel: '李娜 0307' });
    }
    expect(monitorProps({ agent: agent({ callPhase: 'held', callId: 'desk-call-43' }), context: 'row' }).callId).toBe('desk-call-43');
  });

  it('without a call (idle, after-call, or an older desk that sends no call id) the buttons show disabled', () => {
    stop = startFloorWiring();
    const { html, monitorProps } = slot();
    const without = [agent(), agent({ agentState: 'after-call', callPhase: 'after-call', callId: 'desk-call-42' }), agent({ callPhase: 'talking', callStartedAt: NOW - 30_000 })];
    for (const a of without) {
      expect(buttons(html({ agent: a, context: 'row' }))).toEqual(DISABLED);
      expect(monitorProps({ agent: a, context: 'row' }).callId).toBeNull();
    }
  });

  it('a row shows icon buttons, each named and with what it does as its tooltip; the drawer and the cards the labelled buttons', () => {
    stop = startFloorWiring();
    const { html, monitorProps } = slot();
    const onCall = agent({ callPhase: 'talking', callStartedAt: NOW - 30_000, callId: 'desk-call-42' });
    expect(monitorProps({ agent: onCall, context: 'row' }).compact).toBe(true);
    expect(monitorProps({ agent: onCall, context: 'drawer' }).compact).toBe(false);
    const row = html({ agent: onCall, context: 'row' });
    expect(row).toContain('monitor-actions--compact');
    expect(row).toContain('aria-label="班长操作 李娜 0307"');
    for (const [mode, name] of [['listen', '监听'], ['whisper', '耳语'], ['barge', '强插'], ['takeover', '接管']] as const) {
      const button = new RegExp(`<button[^>]*data-testid="monitor-${mode}"[^>]*>`).exec(row)?.[0] ?? '';
      expect(button).toContain(`aria-label="${name}"`);
      expect(button).toMatch(new RegExp(`title="${name}：[^"]+"`));
    }
    // No text in the row's buttons: the icons only.
    expect(row).not.toMatch(/<button[^>]*>[^<]/);
    const idle = html({ agent: agent(), context: 'row' });
    expect(/<button[^>]*data-testid="monitor-listen"[^>]*>/.exec(idle)?.[0]).toContain('title="监听：该坐席当前没有通话"');
    const drawer = html({ agent: onCall, context: 'drawer' });
    expect(drawer).not.toContain('monitor-actions--compact');
    expect(drawer).toMatch(/data-testid="monitor-listen"[^>]*>监听</);
  });

  it('the floor saying the desk cannot serve them (connection lost): all four disabled with the reason as tooltip and description, in the row, the drawer and a card', () => {
    stop = startFloorWiring();
    const { html } = slot();
    const why = '坐席连接已断开（10:42:05 起），无法监听、耳语、强插或接管';
    const onCall = agent({ callPhase: 'talking', callStartedAt: NOW - 30_000, callId: 'desk-call-42' });
    const cases: FloorAgentActionsProps[] = [
      { agent: onCall, context: 'row', unavailable: why },
      { agent: onCall, context: 'drawer', unavailable: why },
      { agent: { ...ALERT.agent, teamId: ALERT.teamId }, context: 'emergency', alert: ALERT, unavailable: why },
    ];
    for (const props of cases) {
      const markup = html(props);
      expect(buttons(markup), props.context).toEqual(DISABLED);
      const listen = /<button[^>]*data-testid="monitor-listen"[^>]*>/.exec(markup)?.[0] ?? '';
      expect(listen).toContain(`aria-description="${why}"`);
      expect(listen).toContain(why);
    }
    // The drawer says it in words too.
    expect(html(cases[1]!)).toContain(`data-testid="monitor-unavailable">${why}<`);
  });

  it("an emergency card's buttons name the alert's call", () => {
    stop = startFloorWiring();
    const { html, monitorProps } = slot();
    const props: FloorAgentActionsProps = { agent: { ...ALERT.agent, teamId: ALERT.teamId }, context: 'emergency', alert: ALERT };
    expect(buttons(html(props))).toEqual(ENABLED);
    expect(monitorProps(props)).toMatchObject({ agentPersonId: 'person-0307', callId: 'desk-call-77' });
  });
});
