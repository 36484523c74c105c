import { create } from 'zustand';
import { defaultScorecardTemplate, type ScorecardTemplate } from '../../../shared/scorecard';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

/** What the editor says after loading or publishing: an i18n key of the scorecard namespace and its values. */
export interface EditorNote {
  key: string;
  values?: Record<string, string | number>;
}

interface TemplateEditorState {
  /** The version being edited (the centre's latest, else this desk's). */
  base: ScorecardTemplate | null;
  draft: ScorecardTemplate | null;
  fromCentre: boolean;
  busy: boolean;
  note: EditorNote | null;
}

export const useTemplateEditor = create<TemplateEditorState>(() => ({ base: null, draft: null, fromCentre: false, busy: false, note: null }));

/** Loads the centre's latest version of this desk's template (this desk's own when the centre has none or is not there). */
export async function loadTemplate(): Promise<void> {
  useTemplateEditor.setState({ busy: true, note: null });
  const local = await unwrap(bridge().scorecards.template({}));
  const centre = await unwrap(bridge().scorecards.centreTemplates({}));
  const latest = centre.state === 'ok' ? centre.templates.find((stored) => stored.template.id === local.id)?.template : undefined;
  const base = latest ?? local;
  useTemplateEditor.setState({
    base,
    draft: structuredClone(base),
    fromCentre: latest !== undefined,
    busy: false,
    note: centre.state === 'ok' ? null : { key: 'editor.offline' },
  });
}

export function editDraft(change: (draft: ScorecardTemplate) => ScorecardTemplate): void {
  useTemplateEditor.setState((state) => (state.draft ? { draft: change(state.draft) } : state));
}

/** The norms' items (the 12345 default) not in the draft: what "add from the norms" offers. */
export function missingNormItems(draft: ScorecardTemplate): ScorecardTemplate['items'] {
  const have = new Set(draft.items.map((item) => item.id));
  return defaultScorecardTemplate().items.filter((item) => !have.has(item.id));
}

/**
 * Publishes the draft at the centre as the next version, then uses it on this
 * desk; another editor's newer version, or a refusal, is said and nothing changes here.
 */
export async function publishTemplate(): Promise<void> {
  const { base, draft } = useTemplateEditor.getState();
  if (!base || !draft) return;
  useTemplateEditor.setState({ busy: true, note: null });
  try {
    // The centre numbers its own versions: the next after the one edited, or 1 for a template it has not had.
    const next = { ...draft, version: useTemplateEditor.getState().fromCentre ? base.version + 1 : 1 };
    const reply = await unwrap(bridge().scorecards.publishTemplate(next));
    if (reply.state === 'ok') {
      const saved = await unwrap(bridge().scorecards.adoptTemplate(reply.template));
      useTemplateEditor.setState({ base: saved, draft: structuredClone(saved), fromCentre: true, note: { key: 'editor.published', values: { version: saved.version } } });
    } else if (reply.state === 'conflict') {
      useTemplateEditor.setState({ note: { key: 'editor.conflict', values: { version: reply.current?.template.version ?? 0 } } });
    } else if (reply.state === 'refused' && reply.status === 403) {
      useTemplateEditor.setState({ note: { key: 'editor.forbidden' } });
    } else if (reply.state === 'refused' && reply.status === 422) {
      useTemplateEditor.setState({ note: { key: 'editor.invalid' } });
    } else {
      useTemplateEditor.setState({ note: { key: reply.state === 'signed-out' ? 'editor.signedOut' : 'editor.offline' } });
    }
  } catch {
    useTemplateEditor.setState({ note: { key: 'editor.invalid' } });
  } finally {
    useTemplateEditor.setState({ busy: false });
  }
}
