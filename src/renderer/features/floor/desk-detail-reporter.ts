import type { DeskDetail } from '../../../shared/ipc/contract-floor';
import { bridge } from '../../ipc/bridge';

/** At most one detail to main this often (typing fires on every key); the last one always goes. */
export const DESK_DETAIL_MS = 300;

let last = '';
let pending: DeskDetail | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

/** Tells main the current call's guidance and draft; unchanged details are not sent. */
export function reportDeskDetail(detail: DeskDetail): void {
  if (JSON.stringify(detail) === last) return;
  pending = detail;
  timer ??= setTimeout(() => {
    timer = null;
    const next = pending;
    pending = null;
    if (!next) return;
    const text = JSON.stringify(next);
    if (text === last) return;
    last = text;
    void bridge()
      .floor.deskDetail(next)
      .catch(() => {
        last = '';
      });
  }, DESK_DETAIL_MS);
}
