// The packaging config, read as electron-builder reads it: every fuse that
// closes a door into the main process must be set, each to its safe value.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml comes with electron-builder (not a direct dependency).
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

function packagingConfig(): Record<string, unknown> {
  const text = readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8');
  return yaml.load(text) as Record<string, unknown>;
}

describe('packaging: Electron fuses', () => {
  it.each(Object.entries(REQUIRED_FUSES))('sets %s to %s', (fuse, value) => {
    const fuses = packagingConfig()['electronFuses'] as Record<string, unknown> | undefined;
    expect(fuses, 'electron-builder.yml has no electronFuses').toBeTypeOf('object');
    expect(fuses![fuse], `electronFuses.${fuse}`).toBe(value);
  });

  it('keeps the app in an asar archive (the integrity and asar-only fuses need one)', () => {
    expect(packagingConfig()['asar']).not.toBe(false);
  });
});
