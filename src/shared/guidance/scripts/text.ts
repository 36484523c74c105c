import type { Language } from '../../domain/settings';
import type { LocalizedText, Placeholder } from './schema';

/** `cityEn`: what `{city}` says in English text ("Chongqing" for 重庆); without it English says the city as typed. */
export type TemplateValues = Partial<Record<Placeholder, string | number>> & { cityEn?: string };

/**
 * Said in the greeting while the desk records calls (issue 13): `{recordingNotice}`
 * is this when its value is 'on', and nothing at all otherwise.
 */
export const RECORDING_NOTICE: Record<Language, string> = { 'zh-CN': '本次通话可能会被录音，', en: 'This call may be recorded. ' };

/** What a placeholder stands for, shown in its place while its value is unknown (a desk without its city or work number yet). */
const SLOT_NAMES: Record<Language, Record<Exclude<Placeholder, 'recordingNotice'>, string>> = {
  'zh-CN': { summary: '诉求', count: '次数', minutes: '分钟', seconds: '秒', channel: '渠道', topic: '事项', city: '城市', workNumber: '工号', department: '部门', deadline: '时限' },
  en: { summary: 'request', count: 'count', minutes: 'minutes', seconds: 'seconds', channel: 'channel', topic: 'topic', city: 'city', workNumber: 'work number', department: 'department', deadline: 'deadline' },
};

function slot(name: string, language: Language): string {
  const label = (SLOT_NAMES[language] as Record<string, string | undefined>)[name];
  if (label === undefined) return '…';
  return language === 'zh-CN' ? `〔${label}〕` : `[${label}]`;
}

/**
 * Fill `{name}` placeholders. A value that is missing or blank leaves the
 * placeholder visible by name ("〔城市〕12345热线", "[city] 12345 hotline"), so the
 * agent sees there is something to say there, and what.
 */
export function fillTemplate(template: string, values: TemplateValues, language: Language = 'zh-CN'): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_whole, name: string) => {
    if (name === 'recordingNotice') return values.recordingNotice === 'on' ? RECORDING_NOTICE[language] : '';
    const value = name === 'city' && language === 'en' && values.cityEn?.trim() ? values.cityEn : values[name as Placeholder];
    if (value === undefined) return slot(name, language);
    const text = String(value).trim();
    return text === '' ? slot(name, language) : text;
  });
}

export function fillLocalized(text: LocalizedText, values: TemplateValues): LocalizedText {
  return { 'zh-CN': fillTemplate(text['zh-CN'], values, 'zh-CN'), en: fillTemplate(text.en, values, 'en') };
}

export function pick(text: LocalizedText, language: Language): string {
  return text[language];
}
