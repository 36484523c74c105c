import { dirname, join, resolve } from 'node:path';
import { DiskBlobs } from './recording-blobs';
import type { RecordingRoutesOptions } from './recording-routes';
import { S3Blobs } from './s3-blobs';

/**
 * Where the CLI service keeps recordings, from its environment:
 * RECORDINGS_S3_ENDPOINT + RECORDINGS_S3_BUCKET + RECORDINGS_S3_ACCESS_KEY_ID +
 * RECORDINGS_S3_SECRET_ACCESS_KEY (+ RECORDINGS_S3_REGION, RECORDINGS_S3_PREFIX,
 * RECORDINGS_S3_PATH_STYLE=off, RECORDINGS_S3_MULTIPART_MIB: larger recordings go up
 * in parts, default 8; RECORDINGS_S3_PART_MIB: the part size, default 8, at least 5) for
 * S3-compatible storage; otherwise
 * RECORDINGS_DIR (default `recordings` beside DATABASE_PATH). Uploads in
 * progress are staged in RECORDINGS_STAGING_DIR (default `recordings-staging` beside it).
 */
export async function recordingsFromEnvironment(env: NodeJS.ProcessEnv, log?: (line: string) => void): Promise<{ options: RecordingRoutesOptions; describe: string }> {
  const base = dirname(resolve(env.DATABASE_PATH ?? 'workorder.sqlite'));
  const stagingDir = resolve(env.RECORDINGS_STAGING_DIR ?? join(base, 'recordings-staging'));
  if (env.RECORDINGS_S3_ENDPOINT) {
    const missing = ['RECORDINGS_S3_BUCKET', 'RECORDINGS_S3_ACCESS_KEY_ID', 'RECORDINGS_S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
    if (missing.length > 0) throw new Error(`RECORDINGS_S3_ENDPOINT is set but ${missing.join(', ')} is not`);
    const blobs = await S3Blobs.open({
      endpoint: env.RECORDINGS_S3_ENDPOINT,
      bucket: env.RECORDINGS_S3_BUCKET!,
      accessKeyId: env.RECORDINGS_S3_ACCESS_KEY_ID!,
      secretAccessKey: env.RECORDINGS_S3_SECRET_ACCESS_KEY!,
      ...(env.RECORDINGS_S3_REGION ? { region: env.RECORDINGS_S3_REGION } : {}),
      ...(env.RECORDINGS_S3_PREFIX ? { prefix: env.RECORDINGS_S3_PREFIX } : {}),
      forcePathStyle: env.RECORDINGS_S3_PATH_STYLE !== 'off',
      ...(env.RECORDINGS_S3_MULTIPART_MIB ? { multipartThresholdBytes: mebibytes('RECORDINGS_S3_MULTIPART_MIB', env.RECORDINGS_S3_MULTIPART_MIB) } : {}),
      ...(env.RECORDINGS_S3_PART_MIB ? { partBytes: mebibytes('RECORDINGS_S3_PART_MIB', env.RECORDINGS_S3_PART_MIB) } : {}),
      log,
    });
    return { options: { blobs, stagingDir }, describe: `recordings in S3 ${env.RECORDINGS_S3_ENDPOINT}/${env.RECORDINGS_S3_BUCKET}` };
  }
  const dir = resolve(env.RECORDINGS_DIR ?? join(base, 'recordings'));
  return { options: { blobs: new DiskBlobs(dir), stagingDir }, describe: `recordings in ${dir}` };
}

function mebibytes(name: string, value: string): number {
  const mib = Number(value);
  if (!Number.isFinite(mib) || mib <= 0) throw new Error(`${name} must be a positive number of MiB, not ${value}`);
  return Math.round(mib * 1024 * 1024);
}
