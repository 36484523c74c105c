import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildPhraseIndex, searchPhrases } from '../../../../shared/guidance/scripts/search';
import { copyText, openLibrary } from '../guidance-desk';
import { useGuidanceStore } from '../guidance-store';
import { useLang } from './use-lang';

/** 话术库: Ctrl+K or "/" opens it, type, ↑↓ to choose, Enter copies the cushioned phrase. */
export function PhraseLibrary() {
  const open = useGuidanceStore((state) => state.libraryOpen);
  if (!open) return null;
  return <LibraryDialog />;
}

function LibraryDialog() {
  const { t } = useTranslation('guidance');
  const { say } = useLang();
  const pack = useGuidanceStore((state) => state.pack);
  const values = useGuidanceStore((state) => state.values);
  const copied = useGuidanceStore((state) => state.copied);
  const index = useMemo(() => (pack ? buildPhraseIndex(pack) : null), [pack]);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => (index ? searchPhrases(index, query, { limit: 12, sources: query ? undefined : ['library'] }) : []), [index, query]);

  useEffect(() => input.current?.focus(), []);

  const choose = (position: number) => {
    const hit = hits[position];
    if (!hit) return;
    void copyText(`library:${hit.id}`, say(hit.text, values));
  };

  return (
    <div className="guidance-library" role="dialog" aria-modal="true" aria-label={t('guidance.library.title')} data-testid="phrase-library">
      <div className="guidance-library__box">
        <input
          ref={input}
          className="guidance-library__search"
          data-testid="phrase-search"
          placeholder={t('guidance.library.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setSelected(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') setSelected((value) => Math.min(hits.length - 1, value + 1));
            else if (event.key === 'ArrowUp') setSelected((value) => Math.max(0, value - 1));
            else if (event.key === 'Enter') choose(selected);
            else if (event.key === 'Escape') openLibrary(false);
            else return;
            event.preventDefault();
          }}
        />
        <ul className="guidance-library__hits">
          {hits.length === 0 && <li className="muted">{t('guidance.library.none')}</li>}
          {hits.map((hit, position) => (
            <li key={`${hit.source}:${hit.id}`} className={position === selected ? 'guidance-hit guidance-hit--selected' : 'guidance-hit'} data-testid="phrase-hit" data-id={hit.id}>
              <button type="button" className="guidance-phrase" onClick={() => choose(position)} onMouseEnter={() => setSelected(position)}>
                {hit.blunt && (
                  <span className="guidance-hit__blunt">
                    {t('guidance.library.avoid')} <s>{say(hit.blunt)}</s>
                  </span>
                )}
                <span className="guidance-hit__text">
                  {hit.blunt && <span className="guidance-hit__label">{t('guidance.library.preferred')}</span>}
                  {say(hit.text, values)}
                </span>
                {copied === `library:${hit.id}` && <span className="guidance-copied">{t('guidance.copied')}</span>}
              </button>
              {hit.alternatives && hit.alternatives.length > 1 && (
                <ul className="guidance-hit__more">
                  {hit.alternatives.slice(1).map((alternative, i) => (
                    <li key={i}>
                      <button type="button" className="guidance-phrase" onClick={() => void copyText(`library:${hit.id}:${i}`, say(alternative, values))}>
                        {say(alternative, values)}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        <p className="muted guidance-library__help">{t('guidance.library.help')}</p>
      </div>
    </div>
  );
}
