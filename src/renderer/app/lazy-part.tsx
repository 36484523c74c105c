import { Suspense, lazy, useState, type ComponentType, type JSX } from 'react';

/** What a lazy part's loader resolves to: the component itself. */
type Load<P> = () => Promise<ComponentType<P>>;

export interface LazyPart<P> {
  (props: P): JSX.Element;
  /** Fetches, parses and runs the part's code now (once), without showing it. */
  preload(): Promise<void>;
}

const warmable: Array<() => Promise<void>> = [];

/**
 * A part of the UI that the first screen does not show (a lead's floor, the settings, the
 * replay...): its code is in a chunk of its own, so it is neither parsed nor run before the
 * phone has registered. It is loaded the first time it is shown or, with `warm`, by
 * `warmLazyParts()` once the desk is idle after start, so that what shows up in reaction to an
 * event (an emergency, the first call) has its code ready by then.
 */
export function lazyPart<P extends object>(load: Load<P>, options: { warm?: boolean } = {}): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchPart = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A later render or preload tries again.
        loading = null;
        throw error;
      },
    ));
  const Pending = lazy(() => fetchPart().then((component) => ({ default: component })));
  function Part(props: P): JSX.Element {
    // Decided once per mount: switching from the suspending wrapper to the loaded component
    // would remount the part and lose its state.
    const [ready] = useState(() => loaded);
    if (ready) {
      const Ready = ready;
      return <Ready {...props} />;
    }
    return (
      <Suspense fallback={null}>
        <Pending {...props} />
      </Suspense>
    );
  }
  const preload = () => fetchPart().then(() => undefined);
  if (options.warm) warmable.push(preload);
  return Object.assign(Part, { preload });
}

/** Loads every `warm` part, one per idle period, so the loading never holds up a frame for long. */
export async function warmLazyParts(idle: () => Promise<void> = nextIdle): Promise<void> {
  for (const preload of warmable) {
    await idle();
    await preload().catch((error: unknown) => console.warn('Could not load a part of the UI ahead of use', error));
  }
}

function nextIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1_000 });
    else setTimeout(resolve, 0);
  });
}
