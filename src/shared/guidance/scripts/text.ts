import type { Language } from '../../domain/settings';
import type { LocalizedText, Placeholder } from './schema';

export type TemplateValues = Partial<Record<Placeholder, string | number>>;

/**
 * Said in the greeting while the desk records calls (issue 13): `{recordingNotice}`
 * is this when its value is 'on', and nothing at all otherwise.
 */
export const RECORDING_NOTICE: Record<Language, string> = { 'zh-CN': '本次通话可能会被录音，', en: 'This call may be recorded. ' };

/**
 * Fill `{name}` placeholders. A value that is missing or blank leaves the
 * placeholder visible as "…" so the agent sees there is something to say there.
 */
export function fillTemplate(template: string, values: TemplateValues, language: Language = 'zh-CN'): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    if (name === 'recordingNotice') return values.recordingNotice === 'on' ? RECORDING_NOTICE[language] : '';
    const value = values[name as Placeholder];
    if (value === undefined) return '…';
    const text = String(value).trim();
    return text === '' ? '…' : text;
  });
}

export function fillLocalized(text: LocalizedText, values: TemplateValues): LocalizedText {
  return { 'zh-CN': fillTemplate(text['zh-CN'], values, 'zh-CN'), en: fillTemplate(text.en, values, 'en') };
}

export function pick(text: LocalizedText, language: Language): string {
  return text[language];
}
