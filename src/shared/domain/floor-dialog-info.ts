/**
 * Dialog-info presence (RFC 4235, application/dialog-info+xml) as the lead's
 * desk reads it from the PBX (Kamailio presence_dialoginfo / pua_dialoginfo):
 * it shows a call even when the agent's app has crashed. Pure: no DOM (main
 * parses it too), a small reader for this one document shape.
 */

export const DIALOG_STATES = ['trying', 'proceeding', 'early', 'confirmed', 'terminated'] as const;
export type DialogState = (typeof DIALOG_STATES)[number];

export interface DialogInfoDialog {
  id: string;
  state: DialogState;
  direction: 'initiator' | 'recipient' | null;
  callId: string | null;
  /** The other party's identity (sip: URI or number), if the PBX gave it. */
  remote: string | null;
}

export interface DialogInfoDocument {
  entity: string;
  version: number;
  state: 'full' | 'partial';
  dialogs: DialogInfoDialog[];
}

/** Documents larger than this are not a desk's dialogs. */
const MAX_XML_CHARS = 64 * 1024;
const MAX_DIALOGS = 32;

const attr = (tag: string, name: string): string | null => {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? decode(match[2] ?? match[3] ?? '') : null;
};

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of the first `<name>` element inside `xml` (namespace prefixes ignored). */
function elementText(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml);
  return match ? decode((match[1] ?? '').trim()) : null;
}

/** Parses one NOTIFY body; throws on what is not a dialog-info document. */
export function parseDialogInfo(xml: string): DialogInfoDocument {
  if (xml.length > MAX_XML_CHARS) throw new Error('dialog-info: document too large');
  const root = /<(?:[\w-]+:)?dialog-info\b[^>]*>/.exec(xml);
  if (!root) throw new Error('dialog-info: no <dialog-info> element');
  const version = Number(attr(root[0], 'version'));
  const state = attr(root[0], 'state');
  const entity = attr(root[0], 'entity') ?? '';
  if (!Number.isSafeInteger(version) || version < 0) throw new Error('dialog-info: version must be a whole number');
  if (state !== 'full' && state !== 'partial') throw new Error('dialog-info: state must be full or partial');
  const dialogs: DialogInfoDialog[] = [];
  // `dialog` followed by a space, / or >: not `dialog-info`.
  const dialogPattern = /<(?:[\w-]+:)?dialog(?=[\s/>])([^>]*?)(\/>|>([\s\S]*?)<\/(?:[\w-]+:)?dialog>)/g;
  for (let match = dialogPattern.exec(xml); match && dialogs.length < MAX_DIALOGS; match = dialogPattern.exec(xml)) {
    const tag = `<dialog ${match[1] ?? ''}>`;
    const body = match[3] ?? '';
    const id = attr(tag, 'id');
    if (!id) continue;
    const stateText = elementText(body, 'state');
    const dialogState = (DIALOG_STATES as readonly string[]).includes(stateText ?? '') ? (stateText as DialogState) : 'trying';
    const direction = attr(tag, 'direction');
    const remoteBlock = /<(?:[\w-]+:)?remote\b[^>]*>([\s\S]*?)<\/(?:[\w-]+:)?remote>/.exec(body)?.[1] ?? '';
    dialogs.push({
      id,
      state: dialogState,
      direction: direction === 'initiator' || direction === 'recipient' ? direction : null,
      callId: attr(tag, 'call-id'),
      remote: elementText(remoteBlock, 'identity'),
    });
  }
  return { entity, version, state, dialogs };
}

/**
 * One watched agent's dialogs from successive NOTIFYs: a full document
 * replaces them, a partial one changes the dialogs it names (a terminated one
 * goes). Versions must follow one another; a gap or a partial before any full
 * one means something was missed: `resync` (the desk subscribes again, and the
 * PBX answers with a full document).
 */
export class DialogInfoView {
  private version: number | null = null;
  private readonly dialogs = new Map<string, DialogInfoDialog>();

  apply(doc: DialogInfoDocument): 'applied' | 'stale' | 'resync' {
    if (this.version !== null && doc.version <= this.version) return 'stale';
    if (doc.state === 'partial' && (this.version === null || doc.version !== this.version + 1)) return 'resync';
    if (doc.state === 'full') this.dialogs.clear();
    for (const dialog of doc.dialogs) {
      if (dialog.state === 'terminated') this.dialogs.delete(dialog.id);
      else this.dialogs.set(dialog.id, dialog);
    }
    this.version = doc.version;
    return 'applied';
  }

  /** The live dialogs, confirmed first. */
  current(): DialogInfoDialog[] {
    const order = (d: DialogInfoDialog) => (d.state === 'confirmed' ? 0 : 1);
    return [...this.dialogs.values()].sort((a, b) => order(a) - order(b));
  }

  /** What the floor shows from the PBX alone: on a call, ringing, or nothing. */
  phase(): 'talking' | 'ringing' | 'idle' {
    const dialogs = this.current();
    if (dialogs.some((d) => d.state === 'confirmed')) return 'talking';
    return dialogs.length > 0 ? 'ringing' : 'idle';
  }
}
