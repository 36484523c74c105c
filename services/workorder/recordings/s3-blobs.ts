import { open, stat, type FileHandle } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { RecordingBlobs } from './recording-blobs';

const MIB = 1024 * 1024;
/** S3's floor for every part but the last. */
const MIN_PART_BYTES = 5 * MIB;
/** S3's ceiling on the parts of one upload. */
const MAX_PARTS = 10_000;

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
  /** A file larger than this goes up as a multipart upload (default 8 MiB). */
  multipartThresholdBytes?: number;
  /** The size of each part but the last (default 8 MiB, at least S3's 5 MiB). */
  partBytes?: number;
  /** Parts in flight at once for one file (default 4): memory is parts × partBytes. */
  partConcurrency?: number;
  /** Where a failed abort is reported (the upload's parts then wait for the bucket's lifecycle rule). */
  log?: (line: string) => void;
}

/**
 * Recordings in S3-compatible object storage, through the official client
 * (loaded only when configured). Large files go up in parts read from the file
 * as they are sent (CreateMultipartUpload, UploadPart, CompleteMultipartUpload;
 * AbortMultipartUpload on any failure), so memory stays at a few parts whatever
 * the recording's length, and a failed part is retried by the desk's next
 * complete, not by re-sending the whole file inside one request.
 */
export class S3Blobs implements RecordingBlobs {
  readonly kind = 's3';
  readonly multipartThresholdBytes: number;
  readonly partBytes: number;
  private readonly partConcurrency: number;

  private constructor(
    /** The SDK client (tests add middleware to it to count or fail commands). */
    readonly client: S3Client,
    private readonly sdk: typeof S3Sdk,
    private readonly options: S3BlobsOptions,
  ) {
    this.multipartThresholdBytes = options.multipartThresholdBytes ?? 8 * MIB;
    this.partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? 8 * MIB);
    this.partConcurrency = Math.max(1, options.partConcurrency ?? 4);
  }

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

  async putFile(key: string, path: string, contentType: string): Promise<void> {
    const { size } = await stat(path);
    if (size <= this.multipartThresholdBytes) {
      const file = await open(path, 'r');
      try {
        await this.put(key, await file.readFile(), contentType);
      } finally {
        await file.close();
      }
      return;
    }
    await this.putMultipart(key, path, size, contentType);
  }

  private async putMultipart(key: string, path: string, size: number, contentType: string): Promise<void> {
    // A part size that keeps within S3's 10,000 parts (an 80 GB file at 8 MiB).
    const partBytes = Math.max(this.partBytes, Math.ceil(size / MAX_PARTS));
    const count = Math.ceil(size / partBytes);
    const target = { Bucket: this.options.bucket, Key: this.key(key) };
    const file = await open(path, 'r');
    try {
      await this.uploadParts(target, key, file, size, partBytes, count, contentType);
    } finally {
      await file.close();
    }
  }

  private async uploadParts(
    target: { Bucket: string; Key: string },
    key: string,
    file: FileHandle,
    size: number,
    partBytes: number,
    count: number,
    contentType: string,
  ): Promise<void> {
    const created = await this.client.send(new this.sdk.CreateMultipartUploadCommand({ ...target, ContentType: contentType }));
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error(`S3 gave no upload id for ${key}`);
    const parts: { ETag: string; PartNumber: number }[] = [];
    try {
      let next = 0;
      let failed = false;
      const worker = async () => {
        while (!failed && next < count) {
          const index = next++;
          const start = index * partBytes;
          try {
            const body = Buffer.alloc(Math.min(partBytes, size - start));
            const { bytesRead } = await file.read(body, 0, body.length, start);
            if (bytesRead !== body.length) throw new Error(`the staged file of ${key} is shorter than its ${size} bytes`);
            const reply = await this.client.send(new this.sdk.UploadPartCommand({ ...target, UploadId, PartNumber: index + 1, Body: body, ContentLength: body.length }));
            if (!reply.ETag) throw new Error(`S3 gave no ETag for part ${index + 1} of ${key}`);
            parts[index] = { ETag: reply.ETag, PartNumber: index + 1 };
          } catch (error) {
            failed = true;
            throw error;
          }
        }
      };
      // Every worker settles before the abort, so no part lands after it.
      const settled = await Promise.allSettled(Array.from({ length: Math.min(this.partConcurrency, count) }, worker));
      const refused = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (refused) throw refused.reason;
      await this.client.send(new this.sdk.CompleteMultipartUploadCommand({ ...target, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await this.client.send(new this.sdk.AbortMultipartUploadCommand({ ...target, UploadId })).catch((abortError: unknown) => {
        this.options.log?.(`recording upload ${key}: abort of multipart upload ${UploadId} failed (${(abortError as Error)?.message ?? abortError}); its parts wait for the bucket's lifecycle rule`);
      });
      throw error;
    }
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
