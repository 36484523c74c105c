import { describe, expect, it } from 'vitest';
import { featureCodeFor, featureCodeTarget } from './feature-codes';

describe('feature codes', () => {
  it('pauses when leaving ready and unpauses when coming back, offline excepted', () => {
    expect(featureCodeFor('ready', 'not-ready')).toBe('pause');
    expect(featureCodeFor('ready', 'break')).toBe('pause');
    expect(featureCodeFor('ready', 'after-call')).toBe('pause');
    expect(featureCodeFor('after-call', 'ready')).toBe('unpause');
    expect(featureCodeFor('break', 'not-ready')).toBeNull();
    expect(featureCodeFor('ready', 'offline')).toBeNull();
    expect(featureCodeFor('offline', 'ready')).toBeNull();
  });

  it('dials the code at our own domain, or a full URI as given', () => {
    expect(featureCodeTarget('*72', 'sip:1001@pbx.example.cn')).toBe('sip:*72@pbx.example.cn');
    expect(featureCodeTarget('*73#', 'sips:1001@pbx.example.cn:5061;transport=ws')).toBe('sips:*73%23@pbx.example.cn:5061');
    expect(featureCodeTarget('sip:pause@queues.example.cn', 'sip:1001@pbx.example.cn')).toBe('sip:pause@queues.example.cn');
    expect(featureCodeTarget('*72', 'not a uri')).toBeNull();
  });
});
