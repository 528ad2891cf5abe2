import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ContactStorageProps {
  /** Customer-managed key for the recordings bucket and the contact trace record stream. */
  readonly encryptionKey: kms.IKey;
  /** Days call recordings, chat transcripts and Contact Lens output are kept (config.retention.recordingsDays). */
  readonly recordingsDays: number;
  /**
   * Hours contact trace records stay readable in the stream (24–8760).
   * @default 24
   */
  readonly contactTraceRecordStreamHours?: number;
  /**
   * What happens to the buckets when the stack is deleted (recordings are evidence; keep them).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Where Amazon Connect writes what it records: a KMS-encrypted, TLS-only, private S3 bucket for
 * call recordings, chat transcripts and Contact Lens output (server access logs to a second
 * bucket, expiry after `recordingsDays`), and a KMS-encrypted Kinesis stream for contact trace
 * records.
 */
export class ContactStorage extends Construct {
  /** Call recordings, chat transcripts and Contact Lens analysis output. */
  public readonly recordingsBucket: s3.Bucket;
  /** Server access logs of the recordings bucket (SSE-S3: access-log delivery does not support SSE-KMS). */
  public readonly accessLogsBucket: s3.Bucket;
  /** Contact trace records (one JSON record per contact). */
  public readonly contactTraceRecordStream: kinesis.Stream;

  constructor(scope: Construct, id: string, props: ContactStorageProps) {
    super(scope, id);
    if (!Number.isInteger(props.recordingsDays) || props.recordingsDays < 1) {
      throw new Error(`ContactStorage ${id}: recordingsDays must be a positive integer, got ${props.recordingsDays}`);
    }
    const streamHours = props.contactTraceRecordStreamHours ?? 24;
    if (!Number.isInteger(streamHours) || streamHours < 24 || streamHours > 8760) {
      throw new Error(`ContactStorage ${id}: contactTraceRecordStreamHours must be 24–8760, got ${streamHours}`);
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.recordingsDays) }],
      removalPolicy,
    });

    this.recordingsBucket = new s3.Bucket(this, 'Recordings', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'recordings/',
      lifecycleRules: [
        {
          id: 'expire-recordings',
          expiration: Duration.days(props.recordingsDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy,
    });

    this.contactTraceRecordStream = new kinesis.Stream(this, 'ContactTraceRecords', {
      streamMode: kinesis.StreamMode.ON_DEMAND,
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: props.encryptionKey,
      retentionPeriod: Duration.hours(streamHours),
      // Records only live for the retention window and are copied into the customer history by
      // the CTR processor; a retained stream would keep billing after teardown.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.contactTraceRecordStream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason:
        'Deliberate: contact trace records hold caller numbers, so the stream uses the project customer-managed key (key policy under our control, rotation, one key to audit) instead of the aws/kinesis key.',
    });
  }
}
