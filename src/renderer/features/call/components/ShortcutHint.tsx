import type { ShortcutAction } from '../../../../shared/domain/agent-state';
import { describeAccelerator } from '../../../format/accelerator';
import { useAgentStateStore } from '../../agent-state';

/** The key that does the same as this button, as the keyboard names it. */
export function ShortcutHint({ action }: { action: ShortcutAction }) {
  const accelerator = useAgentStateStore((state) => state.settings.shortcuts[action]);
  if (!accelerator) return null;
  return <kbd className="shortcut-hint">{describeAccelerator(accelerator)}</kbd>;
}
