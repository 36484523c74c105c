import { FLOOR_EVENTS_PATH } from '../../../../src/shared/domain/floor';

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * A floor event stream read the way the desk will read it (fetch with a bearer
 * header; EventSource cannot send one): events and comment lines as they come,
 * with bounded waits.
 */
export async function openFloorStream(baseUrl: string, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(`${baseUrl}${FLOOR_EVENTS_PATH}`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let wake: () => void = () => undefined;
  let ended = false;
  const pump = (async () => {
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { id: null, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) [event.id, isEvent] = [line.slice(4), true];
            else if (line.startsWith('event: ')) [event.event, isEvent] = [line.slice(7), true];
            else if (line.startsWith('data: ')) [event.data, isEvent] = [event.data + line.slice(6), true];
          }
          if (isEvent) events.push(event);
          cut = buffer.indexOf('\n\n');
        }
        wake();
      }
    } catch {
      // aborted
    } finally {
      ended = true;
      wake();
    }
  })();

  /** Waits (at most `ms`) until `check` holds over what arrived. */
  async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (ended) throw new Error(`stream ended before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms (events: ${events.map((e) => e.id).join(',')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Waits (at most `ms`) until the service ends the stream. */
  async function untilEnded(ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream did not end within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  return {
    status: response.status,
    untilEnded,
    headers: response.headers,
    events,
    comments,
    states: () => events.filter((e) => e.event === 'state').map((e) => JSON.parse(e.data)),
    until,
    /** Drops the connection, as a desk losing its network does. */
    close: async () => {
      controller.abort();
      await pump;
    },
    body: async () => (response.ok ? '' : await response.text()),
  };
}
