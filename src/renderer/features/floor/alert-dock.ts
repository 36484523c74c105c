import { create } from 'zustand';

/**
 * Where the emergency cards go while the floor is shown: a dock beside the
 * agents' list (FloorScreen), so no card covers a row's actions. Null: the
 * floor is not shown, the cards float over the desk.
 */
export const useAlertDock = create<{ element: HTMLElement | null }>()(() => ({ element: null }));

export function setAlertDock(element: HTMLElement | null): void {
  if (useAlertDock.getState().element !== element) useAlertDock.setState({ element });
}
