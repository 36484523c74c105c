import { originOf } from '../app-origin';

/** What the router knows about who sent a request. */
export interface IpcSender {
  /** URL of the sending frame, or null when the frame is gone. */
  frameUrl: string | null;
  isMainFrame: boolean;
}

/**
 * Only our own pages' main frames may call main: the app's origin
 * (`app://hotline` in Electron). Anything else (a navigated-away frame, an
 * iframe, a devtools page) is refused.
 */
export function createSenderPolicy(trustedOrigins: readonly string[]): (sender: IpcSender) => boolean {
  const origins = new Set(trustedOrigins);
  return (sender) => {
    if (!sender.isMainFrame || !sender.frameUrl) return false;
    const origin = originOf(sender.frameUrl);
    return origin !== null && origins.has(origin);
  };
}
