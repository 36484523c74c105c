/**
 * Plays the caller's voice. The element lives in document.body, outside React,
 * so re-renders never interrupt it. It must exist: until something plays the
 * remote stream, Chromium's getStats() reports audioLevel 0 although packets arrive.
 */
export class RemoteAudio {
  private element: HTMLAudioElement | null = null;

  /** `onElement` routes the element to the chosen speaker (features/devices). */
  constructor(private readonly onElement: (element: HTMLAudioElement) => void = () => undefined) {}

  attach(stream: MediaStream): void {
    const element = this.ensureElement();
    element.srcObject = stream;
    // Autoplay of a live stream after a click (Answer) is allowed; if a policy still
    // refuses, there is nothing better to do than leave the element ready.
    element.play().catch(() => undefined);
  }

  detach(): void {
    if (!this.element) return;
    this.element.pause();
    this.element.srcObject = null;
  }

  private ensureElement(): HTMLAudioElement {
    if (this.element) return this.element;
    const element = document.createElement('audio');
    element.autoplay = true;
    element.dataset.role = 'remote-audio';
    document.body.appendChild(element);
    this.element = element;
    this.onElement(element);
    return element;
  }
}
