import { describe, expect, it } from 'vitest';
import { shortcutText, workOrderKey, type KeyPress } from './sections';

const press = (change: Partial<KeyPress>): KeyPress => ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...change });

describe('work-order keys', () => {
  it('Ctrl+1..5 move between the five sections, by physical key', () => {
    expect(workOrderKey(press({ ctrlKey: true, key: '1', code: 'Digit1' }))).toEqual({ type: 'section', section: 'caller' });
    expect(workOrderKey(press({ ctrlKey: true, key: '&', code: 'Digit1' }))).toEqual({ type: 'section', section: 'caller' });
    expect(workOrderKey(press({ ctrlKey: true, key: '5', code: 'Numpad5' }))).toEqual({ type: 'section', section: 'commitment' });
    expect(workOrderKey(press({ ctrlKey: true, key: '6', code: 'Digit6' }))).toBeNull();
  });

  it('Ctrl+Enter submits; Alt+digit (guidance) and Ctrl+Alt (global phone keys) are not ours', () => {
    expect(workOrderKey(press({ ctrlKey: true, key: 'Enter', code: 'Enter' }))).toEqual({ type: 'submit' });
    expect(workOrderKey(press({ altKey: true, key: '1', code: 'Digit1' }))).toBeNull();
    expect(workOrderKey(press({ ctrlKey: true, altKey: true, key: '1', code: 'Digit1' }))).toBeNull();
    expect(workOrderKey(press({ key: 'Enter', code: 'Enter' }))).toBeNull();
  });

  it('is shown in words agents read', () => {
    expect(shortcutText({ type: 'section', section: 'scope' })).toBe('Ctrl+4');
    expect(shortcutText({ type: 'submit' })).toBe('Ctrl+Enter');
    expect(shortcutText({ type: 'submit' }, true)).toBe('⌘+Enter');
  });
});
