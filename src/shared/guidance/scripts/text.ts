import type { Language } from '../../domain/settings';
import type { LocalizedText, Placeholder } from './schema';

export type TemplateValues = Partial<Record<Placeholder, string | number>>;

/**
 * Fill `{name}` placeholders. A value that is missing or blank leaves the
 * placeholder visible as "…" so the agent sees there is something to say there.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    const value = values[name as Placeholder];
    if (value === undefined) return '…';
    const text = String(value).trim();
    return text === '' ? '…' : text;
  });
}

export function fillLocalized(text: LocalizedText, values: TemplateValues): LocalizedText {
  return { 'zh-CN': fillTemplate(text['zh-CN'], values), en: fillTemplate(text.en, values) };
}

export function pick(text: LocalizedText, language: Language): string {
  return text[language];
}
