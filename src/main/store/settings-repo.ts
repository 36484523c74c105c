import type Database from 'better-sqlite3';
import {
  AgentProfileSchema,
  LanguageSchema,
  SipAccountSchema,
  type Language,
  type Settings,
} from '../../shared/domain/settings';

/** Key/value settings, each value JSON and re-validated when read. */
export class SettingsRepo {
  constructor(private readonly db: Database.Database) {}

  read(): { settings: Settings | null; language: Language } {
    const language = LanguageSchema.catch('zh-CN').parse(this.value('language'));
    const account = SipAccountSchema.safeParse(this.value('account'));
    const agent = AgentProfileSchema.safeParse(this.value('agent'));
    const settings = account.success && agent.success ? { account: account.data, agent: agent.data, language } : null;
    return { settings, language };
  }

  write(settings: Settings): void {
    this.db.transaction(() => {
      this.put('account', settings.account);
      this.put('agent', settings.agent);
      this.put('language', settings.language);
    })();
  }

  writeLanguage(language: Language): void {
    this.put('language', language);
  }

  private value(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) return undefined;
    try {
      return JSON.parse(row.value);
    } catch {
      return undefined;
    }
  }

  private put(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
  }
}
