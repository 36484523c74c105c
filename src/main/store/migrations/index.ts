import type { Migration } from './migration';
import { migration0010 } from './0010-initial';

/** In order. Never edit a shipped migration: add the next one. */
export const MIGRATIONS: readonly Migration[] = [migration0010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
