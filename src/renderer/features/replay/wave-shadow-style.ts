import shadowCssUrl from './wavesurfer-shadow.css?url';

/**
 * Gives a wavesurfer's shadow root its layout from a stylesheet the app
 * serves: the CSP (style-src 'self') blocks the inline <style> wavesurfer
 * puts there itself. Resolves once the sheet applies (or failed to load):
 * the regions plugin places and culls markers from the layout it measures
 * then, so markers are drawn only after.
 */
export function linkWaveShadowStyle(wrapper: HTMLElement): Promise<void> {
  const root = wrapper.getRootNode();
  if (!(root instanceof ShadowRoot)) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = shadowCssUrl;
  const loaded = new Promise<void>((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
  root.prepend(link);
  return loaded;
}
