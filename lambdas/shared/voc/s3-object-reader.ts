import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectReader } from './sources';

/** Objects larger than this are not VOC transcripts worth reading whole. */
const MAX_OBJECT_BYTES = 5 * 1024 * 1024;

export class S3ObjectReader implements ObjectReader {
  constructor(private readonly s3: S3Client) {}

  async getText(bucket: string, key: string): Promise<string> {
    const out = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if ((out.ContentLength ?? 0) > MAX_OBJECT_BYTES) throw new Error(`s3://${bucket}/${key} is larger than 5 MiB`);
    return (await out.Body?.transformToString('utf-8')) ?? '';
  }
}
