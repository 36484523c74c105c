import { describe, expect, it } from 'vitest';
import { classifyEnd, dialFailureNotice, outboundFailureOutcome } from './end-classification';

const inbound = { direction: 'inbound' as const, answered: false, localAction: null, failureStatus: null };
const outbound = { ...inbound, direction: 'outbound' as const };

describe('classifyEnd', () => {
  it('answered calls: who hung up decides endedBy', () => {
    expect(classifyEnd({ ...inbound, answered: true, localAction: 'hangup' }, 'remote')).toEqual({ outcome: 'answered', endedBy: 'agent' });
    expect(classifyEnd({ ...inbound, answered: true, localAction: 'transferred' }, 'remote')).toEqual({ outcome: 'answered', endedBy: 'agent' });
    expect(classifyEnd({ ...inbound, answered: true, localAction: 'shutdown' }, 'remote')).toEqual({ outcome: 'answered', endedBy: 'system' });
    expect(classifyEnd({ ...inbound, answered: true, localAction: 'media-lost' }, 'remote')).toEqual({ outcome: 'answered', endedBy: 'system' });
    expect(classifyEnd({ ...inbound, answered: true }, 'remote')).toEqual({ outcome: 'answered', endedBy: 'remote' });
  });

  it('inbound calls never answered', () => {
    expect(classifyEnd({ ...inbound, localAction: 'declined' }, 'remote')).toEqual({ outcome: 'declined', endedBy: 'agent' });
    expect(classifyEnd({ ...inbound, localAction: 'answering' }, 'remote')).toEqual({ outcome: 'failed', endedBy: 'system' });
    expect(classifyEnd({ ...inbound, localAction: 'shutdown' }, 'remote')).toEqual({ outcome: 'missed', endedBy: 'system' });
    expect(classifyEnd(inbound, 'remote')).toEqual({ outcome: 'missed', endedBy: 'remote' });
  });

  it('outbound calls never answered: the final status decides', () => {
    expect(classifyEnd({ ...outbound, localAction: 'cancelled' }, 'remote')).toEqual({ outcome: 'missed', endedBy: 'agent' });
    expect(classifyEnd({ ...outbound, localAction: 'shutdown' }, 'remote')).toEqual({ outcome: 'failed', endedBy: 'system' });
    expect(classifyEnd(outbound, 'remote')).toEqual({ outcome: 'failed', endedBy: 'system' });
    expect(classifyEnd({ ...outbound, failureStatus: 486 }, 'remote')).toEqual({ outcome: 'busy', endedBy: 'remote' });
    expect(classifyEnd({ ...outbound, failureStatus: 480 }, 'remote')).toEqual({ outcome: 'no-answer', endedBy: 'remote' });
    expect(classifyEnd({ ...outbound, failureStatus: 404 }, 'remote')).toEqual({ outcome: 'declined', endedBy: 'remote' });
  });

  it('maps failure statuses to outcomes and notices', () => {
    expect([486, 600, 480, 408, 404, 603].map(outboundFailureOutcome)).toEqual(['busy', 'busy', 'no-answer', 'no-answer', 'declined', 'declined']);
    expect([486, 600, 404, 500, null].map(dialFailureNotice)).toEqual(['dialBusy', 'dialBusy', 'dialNotFound', 'dialFailed', null]);
  });
});
