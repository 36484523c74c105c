import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, InputNumber, Select, Tag } from 'tdesign-react';
import type { ScorecardTemplate } from '../../../../shared/scorecard';
import { runtimeKey } from '../../../i18n/i18n-key';
import { editDraft, loadTemplate, missingNormItems, publishTemplate, useTemplateEditor } from '../template-editor-store';

type Item = ScorecardTemplate['items'][number];
type Fatal = ScorecardTemplate['fatal'][number];

const setItem = (index: number, change: Partial<Item>) => editDraft((d) => ({ ...d, items: d.items.map((item, i) => (i === index ? { ...item, ...change } : item)) }));
const setFatal = (index: number, change: Partial<Fatal>) => editDraft((d) => ({ ...d, fatal: d.fatal.map((f, i) => (i === index ? { ...f, ...change } : f)) }));

/**
 * The scorecard template editor for trainers (质检评分表): each item's titles
 * and points (its weight), items added from the 12345 norms or judged by the
 * trainer, the critical items that zero the score (一票否决). Published at
 * the centre as the next version; scores keep the version they were judged with.
 */
export function TemplateEditor() {
  const { t } = useTranslation('scorecard');
  const { base, draft, fromCentre, busy, note } = useTemplateEditor();
  const [newFatal, setNewFatal] = useState('');
  useEffect(() => {
    void loadTemplate();
  }, []);
  if (!draft || !base) return <p className="scorecard__muted">{t('editor.loading')}</p>;
  const total = draft.items.reduce((sum, item) => sum + item.points, 0);
  const norms = missingNormItems(draft);
  const addFatal = () => {
    const title = newFatal.trim();
    if (title === '') return;
    editDraft((d) => ({ ...d, fatal: [...d.fatal, { id: `fatal-${d.fatal.length + 1}-${Date.now().toString(36)}`, title: { 'zh-CN': title, en: title }, judge: { kind: 'trainer' } }] }));
    setNewFatal('');
  };
  return (
    <section className="scorecard-editor" data-testid="template-editor" aria-label={t('editor.title')}>
      <header className="scorecard-editor__head">
        <h2>{t('editor.title')}</h2>
        <Tag variant="light">{t(fromCentre ? 'editor.centreVersion' : 'editor.deskVersion', { version: base.version })}</Tag>
        <span data-testid="template-total">{t('editor.total', { total })}</span>
      </header>
      <table className="scorecard-editor__items">
        <thead>
          <tr>
            <th>{t('editor.item')}</th>
            <th>English</th>
            <th>{t('editor.points')}</th>
            <th>{t('editor.judge')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.items.map((item, index) => (
            <tr key={item.id} data-item-id={item.id}>
              <td><Input size="small" value={item.title['zh-CN']} onChange={(value) => setItem(index, { title: { ...item.title, 'zh-CN': String(value) } })} /></td>
              <td><Input size="small" value={item.title.en} onChange={(value) => setItem(index, { title: { ...item.title, en: String(value) } })} /></td>
              <td><InputNumber size="small" min={1} max={100} value={item.points} onChange={(value) => setItem(index, { points: Math.max(1, Math.min(100, Math.round(Number(value) || 1))) })} data-testid="item-points" /></td>
              <td>{item.judge.kind === 'trainer' ? t('editor.byTrainer') : t(runtimeKey(`scorecard:editor.rule.${item.judge.kind}`), { defaultValue: item.judge.kind })}</td>
              <td><Button size="small" variant="text" theme="danger" onClick={() => editDraft((d) => ({ ...d, items: d.items.filter((_, i) => i !== index) }))}>{t('editor.remove')}</Button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {norms.length > 0 ? (
        <Select
          size="small"
          style={{ width: 320 }}
          placeholder={t('editor.addFromNorms')}
          value={undefined}
          options={norms.map((item) => ({ label: item.title['zh-CN'], value: item.id }))}
          onChange={(value) => {
            const item = norms.find((n) => n.id === value);
            if (item) editDraft((d) => ({ ...d, items: [...d.items, item] }));
          }}
          data-testid="add-from-norms"
        />
      ) : null}
      <h3>{t('editor.fatalTitle')}</h3>
      <ul className="scorecard-editor__fatal">
        {draft.fatal.map((fatal, index) => (
          <li key={fatal.id} data-fatal-id={fatal.id}>
            <Input size="small" value={fatal.title['zh-CN']} onChange={(value) => setFatal(index, { title: { ...fatal.title, 'zh-CN': String(value) } })} />
            <Input size="small" value={fatal.title.en} onChange={(value) => setFatal(index, { title: { ...fatal.title, en: String(value) } })} />
            <Button size="small" variant="text" theme="danger" onClick={() => editDraft((d) => ({ ...d, fatal: d.fatal.filter((_, i) => i !== index) }))}>{t('editor.remove')}</Button>
          </li>
        ))}
      </ul>
      <div className="scorecard-editor__row">
        <Input size="small" placeholder={t('editor.newFatal')} value={newFatal} onChange={(value) => setNewFatal(String(value))} data-testid="new-fatal" />
        <Button size="small" variant="outline" onClick={addFatal}>{t('editor.addFatal')}</Button>
      </div>
      <div className="scorecard-editor__row">
        <Button size="small" loading={busy} disabled={draft.items.length === 0} onClick={() => void publishTemplate()} data-testid="template-publish">{t('editor.publish', { version: fromCentre ? base.version + 1 : 1 })}</Button>
        <Button size="small" variant="outline" onClick={() => void loadTemplate()}>{t('editor.reload')}</Button>
      </div>
      {note ? <p className="scorecard__muted" role="status">{t(runtimeKey(`scorecard:${note.key}`), note.values ?? {})}</p> : null}
    </section>
  );
}
