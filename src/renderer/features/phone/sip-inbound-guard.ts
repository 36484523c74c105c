import type { UserAgent } from 'sip.js';

/** The only SIP version we speak; RFC 3261 8.2.2.1 / 21.5.6: anything else gets 505. */
const SIP_2_0_REQUEST = /^[A-Za-z]+ \S+ SIP\/2\.0$/;
const SIP_2_0_RESPONSE = /^SIP\/2\.0 \d{3}(?: |$)/;

export interface InboundGuardLog {
  warn(message: string): void;
}

/**
 * Stands between the WebSocket and sip.js's parser. sip.js 0.21 accepts any
 * `SIP/x.y` start line (a `SIP/3.0` INVITE rang), and a malformed header (a
 * CSeq it cannot read) makes it throw from inside the socket's message event,
 * an uncaught error in the page, or log an error per message. The CSeq is
 * checked here (RFC 3261 8.1.1.5: one number below 2^31 and the request's own
 * method); a message that fails is dropped with one warning. Messages of another SIP version are dropped
 * here (a request gets 505 Version Not Supported, written by hand because it
 * never reaches sip.js); whatever sip.js throws on a message is caught and
 * logged, and the message is dropped: one bad message from the network must
 * never take the phone down.
 */
export function guardInboundMessages(userAgent: UserAgent, log: InboundGuardLog = console): void {
  const transport = userAgent.transport as unknown as {
    onMessage?: (message: string) => void;
    send(message: string): Promise<void>;
  };
  const deliver = transport.onMessage;
  if (!deliver) return;
  transport.onMessage = (message: string) => {
    const startLine = message.slice(0, Math.max(0, message.indexOf('\r\n')));
    if (startLine !== '' && !SIP_2_0_REQUEST.test(startLine) && !SIP_2_0_RESPONSE.test(startLine)) {
      log.warn(`SIP: dropped a message with an unsupported start line: ${startLine.slice(0, 80)}`);
      const reply = versionNotSupported(message);
      if (reply) transport.send(reply).catch(() => undefined);
      return;
    }
    const cseqProblem = badCSeq(message, startLine);
    if (cseqProblem) {
      log.warn(`SIP: dropped a message with ${cseqProblem}: ${startLine.slice(0, 80)}`);
      return;
    }
    try {
      deliver(message);
    } catch (error) {
      log.warn(`SIP: dropped a message sip.js could not handle (${error instanceof Error ? error.message : String(error)}): ${startLine.slice(0, 80)}`);
    }
  };
}

/**
 * 505 for a request in another SIP version, echoing the headers a UAC needs to
 * match it to its transaction; null for a response or a message too broken to answer.
 */
export function versionNotSupported(message: string): string | null {
  const end = message.indexOf('\r\n\r\n');
  const head = end >= 0 ? message.slice(0, end) : message;
  const [startLine, ...lines] = head.split('\r\n');
  if (!startLine || !/^[A-Za-z]+ \S+ SIP\/\d+\.\d+$/.test(startLine)) return null;
  const keep = /^(via|v|from|f|to|t|call-id|i|cseq)\s*:/i;
  const echoed = lines.filter((line) => keep.test(line));
  if (!echoed.some((line) => /^(via|v)\s*:/i.test(line)) || !echoed.some((line) => /^cseq\s*:/i.test(line))) return null;
  return ['SIP/2.0 505 Version Not Supported', ...echoed, 'Content-Length: 0', '', ''].join('\r\n');
}

const MAX_CSEQ = 2 ** 31;

/** What is wrong with the message's CSeq, or null when it is sound. */
export function badCSeq(message: string, startLine: string): string | null {
  const end = message.indexOf('\r\n\r\n');
  const head = end >= 0 ? message.slice(0, end) : message;
  const values = head
    .split('\r\n')
    .slice(1)
    .filter((line) => /^cseq\s*:/i.test(line))
    .map((line) => line.replace(/^cseq\s*:\s*/i, '').trim());
  if (values.length !== 1) return values.length === 0 ? 'no CSeq' : 'several CSeq headers';
  const parsed = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(values[0]!);
  if (!parsed || Number(parsed[1]) >= MAX_CSEQ) return `a malformed CSeq (${values[0]!.slice(0, 40)})`;
  const method = /^([A-Za-z]+) /.exec(startLine)?.[1];
  if (method !== undefined && !startLine.startsWith('SIP/') && method.toUpperCase() !== parsed[2]!.toUpperCase()) {
    return `a CSeq method (${parsed[2]}) unlike the request's (${method})`;
  }
  return null;
}
