import type Database from 'better-sqlite3';
import { SettingsTable } from './settings-table';
import {
  AgentProfileSchema,
  LanguageSchema,
  SipAccountSchema,
  type Language,
  type Settings,
} from '../../shared/domain/settings';

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
}
