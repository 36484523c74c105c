import { create } from 'zustand';
import type { z } from 'zod';
import type { ImportedReviewSchema } from '../../../shared/ipc/contract-centre-review';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

export type ImportedReview = z.infer<typeof ImportedReviewSchema>;
export interface ImportedSummary {
  id: string;
  callId: string;
  title: string;
  masked: boolean;
  exportedBy: string;
  importedAt: number;
}

interface ImportedState {
  list: ImportedSummary[];
  open: (ImportedReview & { id: string }) | null;
  audioUrl: string | null;
  /** The last import's refusal, as the desk explained it (zh-CN UI shows the key, the detail below). */
  importError: string | null;
  busy: boolean;
}

export const useImportedReviews = create<ImportedState>(() => ({ list: [], open: null, audioUrl: null, importError: null, busy: false }));

export async function loadImported(): Promise<void> {
  useImportedReviews.setState({ list: await unwrap(bridge().review.imported({})) });
}

/** Imports a bundle file's text: all of it or nothing, with the reason when refused. */
export async function importBundle(text: string): Promise<void> {
  useImportedReviews.setState({ busy: true, importError: null });
  try {
    const reply = await unwrap(bridge().review.importBundle({ text }));
    if (reply.state === 'invalid') useImportedReviews.setState({ importError: reply.message });
    else {
      await loadImported();
      await openImported(reply.id);
    }
  } catch (error) {
    useImportedReviews.setState({ importError: errorKeyOf(error) });
  } finally {
    useImportedReviews.setState({ busy: false });
  }
}

function toBlobUrl(base64: string, mime: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

export async function openImported(id: string): Promise<void> {
  const previous = useImportedReviews.getState().audioUrl;
  if (previous) URL.revokeObjectURL(previous);
  useImportedReviews.setState({ open: null, audioUrl: null });
  const reply = await unwrap(bridge().review.openImported({ id }));
  if (reply.state !== 'ok') return;
  useImportedReviews.setState({ open: { ...reply.review, id } });
  if (reply.review.audio) {
    const audio = await unwrap(bridge().review.importedAudio({ id }));
    if (audio.state === 'ok' && useImportedReviews.getState().open?.id === id) useImportedReviews.setState({ audioUrl: toBlobUrl(audio.base64, audio.mime) });
  }
}

/** Exports the call as a bundle file and hands it to the browser's download (masked unless asked otherwise). */
export async function exportBundle(callId: string, masked = true): Promise<boolean> {
  const reply = await unwrap(bridge().review.exportBundle({ callId, masked }));
  if (reply.state !== 'ok') return false;
  const url = URL.createObjectURL(new Blob([reply.text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = reply.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return true;
}
