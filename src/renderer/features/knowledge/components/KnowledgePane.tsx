import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeArticle } from '../../../../shared/knowledge/article';
import type { KnowledgeCopyStatus, KnowledgeHit } from '../../../../shared/knowledge/search';
import type { Highlighted } from '../../../../shared/knowledge/highlight';
import { useGuidanceStore } from '../../guidance';
import { useWorkOrderStore } from '../../work-order';
import { categoriesOf, quoteOf, readArticle, putInReply } from '../knowledge-actions';
import { fillFromWorkOrder, loadStatus, openArticle, requestFocus, searchByWorkOrder, typeQuery, useKnowledgeStore } from '../knowledge-store';
import '../knowledge.css';

/**
 * 知识库 in the call: searches the desk's copy as the agent types (or by the
 * work order's summary and domain until the agent types), shows each hit's
 * passage highlighted with its department and validity, opens the article,
 * puts a passage with its source into the reply.
 */
export function KnowledgePane() {
  const { t } = useTranslation('knowledge');
  const query = useKnowledgeStore((s) => s.query);
  const typed = useKnowledgeStore((s) => s.typed);
  const hits = useKnowledgeStore((s) => s.hits);
  const status = useKnowledgeStore((s) => s.status);
  const error = useKnowledgeStore((s) => s.error);
  const tookMs = useKnowledgeStore((s) => s.tookMs);
  const focusRequest = useKnowledgeStore((s) => s.focusRequest);
  const opened = useKnowledgeStore((s) => s.opened);
  const usedIds = useKnowledgeStore((s) => s.usedIds);
  const summary = useWorkOrderStore((s) => (s.id ? s.fields.summary : ''));
  const domain = useWorkOrderStore((s) => (s.id ? s.fields.domain : null));
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadStatus();
  }, []);
  useEffect(() => fillFromWorkOrder(summary, categoriesOf(domain)), [summary, domain]);
  useEffect(() => {
    if (focusRequest > 0) input.current?.focus();
  }, [focusRequest]);
  useSharedCtrlK();

  return (
    <section className="panel knowledge" data-testid="knowledge-pane" aria-label={t('knowledge.title')}>
      <div className="panel__header knowledge__header">
        <h2 className="panel__title">{t('knowledge.title')}</h2>
        <CopyLine status={status} />
      </div>
      <div className="knowledge__search">
        <input
          ref={input}
          className="knowledge__input"
          data-testid="knowledge-search"
          type="search"
          value={query}
          placeholder={t('knowledge.placeholder')}
          title={t('knowledge.shortcut')}
          onChange={(event) => typeQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') input.current?.blur();
          }}
        />
        {typed && summary.trim() !== '' && (
          <button type="button" className="knowledge__link" onClick={() => searchByWorkOrder(summary)}>
            {t('knowledge.fromWorkOrder')}
          </button>
        )}
      </div>
      {error && <p className="knowledge__error">{t('knowledge.failed', { message: error })}</p>}
      {query.trim() === '' ? (
        <p className="muted">{t('knowledge.empty')}</p>
      ) : hits.length === 0 ? (
        <p className="muted" data-testid="knowledge-none">{t('knowledge.none')}</p>
      ) : (
        <KnowledgeHits hits={hits} opened={opened} usedIds={usedIds} />
      )}
      {tookMs !== null && hits.length > 0 && <p className="muted knowledge__took">{t('knowledge.tookMs', { ms: tookMs })}</p>}
    </section>
  );
}

/** The hits, each with what an agent reads out and the actions on it (props only, so it renders in tests). */
export function KnowledgeHits({ hits, opened, usedIds }: { hits: readonly KnowledgeHit[]; opened: { id: string; article: KnowledgeArticle } | null; usedIds: readonly string[] }) {
  return (
    <ol className="knowledge__hits">
      {hits.map((hit) => (
        <HitItem key={hit.id} hit={hit} opened={opened?.id === hit.id ? opened.article : null} used={usedIds.includes(hit.id)} />
      ))}
    </ol>
  );
}

/** How much knowledge this desk holds. */
export function CopyLine({ status }: { status: KnowledgeCopyStatus | null }) {
  const { t } = useTranslation('knowledge');
  return (
    <span className="muted knowledge__copy" data-testid="knowledge-copy">
      {status && status.count > 0 ? t('knowledge.copy', { count: status.count, version: status.version }) : t('knowledge.noCopy')}
    </span>
  );
}

function HitItem({ hit, opened, used }: { hit: KnowledgeHit; opened: KnowledgeArticle | null; used: boolean }) {
  const { t } = useTranslation('knowledge');
  const [refused, setRefused] = useState(false);
  const put = () => {
    const quoted = quoteOf(hit, (passage, source) => t('knowledge.quoted', { passage, source }));
    setRefused(!putInReply(hit, quoted));
  };
  return (
    <li className={`knowledge-hit knowledge-hit--${hit.validity}`} data-testid="knowledge-hit" data-id={hit.id}>
      <h3 className="knowledge-hit__title">
        <Marked parts={hit.title} />
      </h3>
      <p className="knowledge-hit__passage" data-testid="knowledge-passage">
        <Marked parts={hit.passage} />
      </p>
      <p className="knowledge-hit__meta muted">
        <span>{t('knowledge.department', { department: hit.department })}</span>
        {hit.policy && <span>{t('knowledge.policy', { policy: hit.policy })}</span>}
        <span data-testid="knowledge-validity">
          <Validity hit={hit} />
        </span>
      </p>
      {(hit.sourceDocument || hit.sourceNumber) && (
        <p className="knowledge-hit__source muted">{t('knowledge.source', { document: hit.sourceDocument, number: hit.sourceNumber })}</p>
      )}
      {opened && (
        <div className="knowledge-hit__body" data-testid="knowledge-article">
          {opened.body}
        </div>
      )}
      <div className="knowledge-hit__actions">
        <button type="button" className="knowledge__link" data-testid="knowledge-open" onClick={() => (opened ? void openArticle(null) : void readArticle(hit))}>
          {opened ? t('knowledge.close') : t('knowledge.open')}
        </button>
        {hit.validity !== 'expired' && (
          <button type="button" className="knowledge__use" data-testid="knowledge-use" onClick={put}>
            {used ? t('knowledge.used') : t('knowledge.use')}
          </button>
        )}
        {refused && <span className="knowledge__error">{t('knowledge.noWorkOrder')}</span>}
      </div>
    </li>
  );
}

function Marked({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}

function Validity({ hit }: { hit: KnowledgeHit }) {
  const { t } = useTranslation('knowledge');
  if (hit.validity === 'expired') return t('knowledge.validity.expired');
  if (hit.validity === 'not-yet') return `${t('knowledge.validity.notYet')} · ${t('knowledge.validity.from', { from: hit.validFrom ?? '' })}`;
  if (hit.validUntil) return t('knowledge.validity.range', { from: hit.validFrom ?? '', until: hit.validUntil });
  if (hit.validFrom) return `${t('knowledge.validity.from', { from: hit.validFrom })} · ${t('knowledge.validity.always')}`;
  return t('knowledge.validity.always');
}

/**
 * Ctrl+K is the phrase library's (话术库); with the library open, Ctrl+K comes
 * here instead of closing it: library → knowledge → library. Registered in
 * the capture phase so it runs before the library's own handler.
 */
function useSharedCtrlK(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k')) return;
      if (!useGuidanceStore.getState().libraryOpen) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      useGuidanceStore.setState({ libraryOpen: false });
      requestFocus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
