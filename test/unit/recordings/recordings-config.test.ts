import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingsFromEnvironment } from '../../../services/workorder/recordings/recordings-config';
import { makeTempDir } from '../../support/temp-dir';

describe('where the centre keeps recordings (environment)', () => {
  it('on its disk beside the database by default', async () => {
    const dir = makeTempDir('hotline-recordings-config-');
    try {
      const { options, describe: text } = await recordingsFromEnvironment({ DATABASE_PATH: join(dir.path, 'workorder.sqlite') });
      expect(options.blobs.kind).toBe('disk');
      expect(text).toBe(`recordings in ${join(dir.path, 'recordings')}`);
      expect(options.stagingDir).toBe(join(dir.path, 'recordings-staging'));
    } finally {
      dir.remove();
    }
  });

  it('in S3-compatible storage when configured, and says what is missing', async () => {
    await expect(recordingsFromEnvironment({ RECORDINGS_S3_ENDPOINT: 'http://127.0.0.1:9000', RECORDINGS_S3_BUCKET: 'b' })).rejects.toThrow(/RECORDINGS_S3_ACCESS_KEY_ID, RECORDINGS_S3_SECRET_ACCESS_KEY/);
    const { options } = await recordingsFromEnvironment({ RECORDINGS_S3_ENDPOINT: 'http://127.0.0.1:9000', RECORDINGS_S3_BUCKET: 'b', RECORDINGS_S3_ACCESS_KEY_ID: 'k', RECORDINGS_S3_SECRET_ACCESS_KEY: 's', RECORDINGS_STAGING_DIR: join(process.cwd(), 'not-created') });
    expect(options.blobs.kind).toBe('s3');
  });
});
