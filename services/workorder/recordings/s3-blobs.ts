import type { S3Client } from '@aws-sdk/client-s3';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { RecordingBlobs } from './recording-blobs';

export interface S3BlobsOptions {
  /** e.g. https://oss-cn-hangzhou.aliyuncs.com or a MinIO / s3rver address. */
  endpoint: string;
  bucket: string;
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (MinIO, s3rver and most self-hosted S3). Default true. */
  forcePathStyle?: boolean;
  /** Keys start with this (several centres in one bucket). */
  prefix?: string;
}

/** Recordings in S3-compatible object storage, through the official client (loaded only when configured). */
export class S3Blobs implements RecordingBlobs {
  readonly kind = 's3';

  private constructor(
    private readonly client: S3Client,
    private readonly sdk: typeof S3Sdk,
    private readonly options: S3BlobsOptions,
  ) {}

  static async open(options: S3BlobsOptions): Promise<S3Blobs> {
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? true,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    });
    return new S3Blobs(client, sdk, options);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new this.sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), Body: body, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer | null> {
    return this.fetch(key);
  }

  async getRange(key: string, start: number, end: number): Promise<Buffer | null> {
    return this.fetch(key, `bytes=${start}-${end}`);
  }

  private async fetch(key: string, range?: string): Promise<Buffer | null> {
    try {
      const reply = await this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key), ...(range ? { Range: range } : {}) }));
      return reply.Body ? Buffer.from(await reply.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    // Bounded: 1,000 keys a page, at most 100 pages.
    for (let page = 0; page < 100; page++) {
      const reply = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: this.key(prefix), ContinuationToken: token }));
      for (const item of reply.Contents ?? []) if (item.Key) keys.push(item.Key.slice((this.options.prefix ?? '').length));
      if (!reply.IsTruncated) break;
      token = reply.NextContinuationToken;
    }
    return keys;
  }

  private key(key: string): string {
    return `${this.options.prefix ?? ''}${key}`;
  }
}
