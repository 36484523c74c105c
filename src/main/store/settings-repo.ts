import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { SettingsTable } from './settings-table';
import {
  AgentProfileSchema,
  LanguageSchema,
  SipAccountSchema,
  type AgentProfile,
  type Language,
  type Settings,
} from '../../shared/domain/settings';
import { cityInEnglish } from '../settings/city-in-english';

const CityInEnglishSchema = lazySchema(() => z.object({ from: z.string(), name: z.string() }));

/** Key/value settings, each value JSON and re-validated when read. */
export class SettingsRepo {
  private readonly table: SettingsTable;

  constructor(private readonly db: Database.Database) {
    this.table = new SettingsTable(db);
  }

  read(): { settings: Settings | null; language: Language } {
    const language = LanguageSchema.catch('zh-CN').parse(this.table.read('language'));
    const account = SipAccountSchema.safeParse(this.table.read('account'));
    const agent = AgentProfileSchema.safeParse(this.table.read('agent'));
    const settings = account.success && agent.success ? { account: account.data, agent: agent.data, language } : null;
    return { settings, language };
  }

  write(settings: Settings): void {
    this.db.transaction(() => {
      this.table.write('account', settings.account);
      this.table.write('agent', settings.agent);
      this.table.write('language', settings.language);
    })();
  }

  writeLanguage(language: Language): void {
    this.table.write('language', language);
  }

  /**
   * The city as English text names it (settings/city-in-english.ts), kept with what it was made from: the settings
   * read at every start then finds it without loading the pinyin dictionary; a changed city or spelling makes it anew.
   */
  cityInEnglish(agent: AgentProfile): string {
    const from = JSON.stringify([agent.city, agent.cityEn ?? '']);
    const kept = CityInEnglishSchema.safeParse(this.table.read('cityInEnglish'));
    if (kept.success && kept.data.from === from) return kept.data.name;
    let name: string;
    try {
      name = cityInEnglish(agent.city, agent.cityEn);
    } catch (error) {
      // The dictionary could not be loaded (a broken install): English text says the city as typed, the settings
      // still load, and a later read tries again.
      console.warn('The city in English: pinyin unavailable', error);
      return agent.cityEn?.trim() || agent.city;
    }
    this.table.write('cityInEnglish', { from, name });
    return name;
  }
}
