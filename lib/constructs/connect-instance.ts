import { RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { chainDependencies } from './connect-chain';

/** How agents sign in (config.identityManagement). */
export type IdentityManagement =
  | { readonly type: 'CONNECT_MANAGED' }
  | { readonly type: 'SAML' }
  | { readonly type: 'EXISTING_DIRECTORY'; readonly directoryId: string };

export interface ConnectInstanceProps {
  /** Instance alias: 1–45 characters, globally unique; changing it replaces the instance. */
  readonly instanceAlias: string;
  /** How agents sign in. */
  readonly identityManagement: IdentityManagement;
  /** Bucket for call recordings and chat transcripts. */
  readonly recordingsBucket: s3.IBucket;
  /** Key that encrypts what Connect writes to `recordingsBucket`. */
  readonly encryptionKey: kms.IKey;
  /** Stream that receives contact trace records (encrypt it with `encryptionKey`: Connect writes with its grant on that key). */
  readonly contactTraceRecordStream: kinesis.IStream;
  /**
   * Turn on Contact Lens (conversational analytics: sentiment, transcripts, redaction).
   * @default true
   */
  readonly contactLens?: boolean;
  /** Retention of the contact flow log group `/aws/connect/<alias>` (config.retention.logDays). */
  readonly flowLogRetentionDays: number;
  /**
   * Allow outbound calls (agents calling back, outbound campaigns).
   * @default true
   */
  readonly outboundCalls?: boolean;
}

/** S3 key prefixes Connect writes under, inside the recordings bucket. */
export const RECORDING_PREFIXES = {
  callRecordings: 'connect/call-recordings',
  chatTranscripts: 'connect/chat-transcripts',
} as const;

/**
 * The Amazon Connect instance (inbound and outbound calls, contact flow logs, Contact Lens) and its
 * storage: call recordings and chat transcripts to the KMS-encrypted bucket, contact trace records
 * to the KMS-encrypted Kinesis stream.
 */
export class ConnectInstance extends Construct {
  public readonly instance: connect.CfnInstance;
  /**
   * Contact flow logs. Created before the instance, so Connect writes into this encrypted group
   * with retention instead of creating a never-expiring one.
   */
  public readonly flowLogGroup: logs.LogGroup;
  /** Storage associations, created one after another after the instance. */
  public readonly storageConfigs: {
    readonly callRecordings: connect.CfnInstanceStorageConfig;
    readonly chatTranscripts: connect.CfnInstanceStorageConfig;
    readonly contactTraceRecords: connect.CfnInstanceStorageConfig;
  };

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    if (!/^(?!d-)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(props.instanceAlias) || props.instanceAlias.length > 45) {
      throw new Error(
        `ConnectInstance ${id}: instanceAlias "${props.instanceAlias}" must be 1–45 letters, digits and single hyphens, not starting with "d-"`,
      );
    }
    const directoryId =
      props.identityManagement.type === 'EXISTING_DIRECTORY' ? props.identityManagement.directoryId : undefined;
    if (props.identityManagement.type === 'EXISTING_DIRECTORY' && !directoryId) {
      throw new Error(`ConnectInstance ${id}: EXISTING_DIRECTORY needs a directoryId`);
    }

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      logGroupName: `/aws/connect/${props.instanceAlias}`,
      retention: props.flowLogRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.instance = new connect.CfnInstance(this, 'Instance', {
      instanceAlias: props.instanceAlias,
      identityManagementType: props.identityManagement.type,
      directoryId,
      attributes: {
        inboundCalls: true,
        outboundCalls: props.outboundCalls ?? true,
        contactflowLogs: true,
        contactLens: props.contactLens ?? true,
        autoResolveBestVoices: true,
        earlyMedia: true,
      },
    });
    this.instance.node.addDependency(this.flowLogGroup);

    const s3Storage = (storageId: string, resourceType: string, prefix: string) =>
      new connect.CfnInstanceStorageConfig(this, storageId, {
        instanceArn: this.instance.attrArn,
        resourceType,
        storageType: 'S3',
        s3Config: {
          bucketName: props.recordingsBucket.bucketName,
          bucketPrefix: prefix,
          encryptionConfig: { encryptionType: 'KMS', keyId: props.encryptionKey.keyArn },
        },
      });

    this.storageConfigs = {
      callRecordings: s3Storage('CallRecordingsStorage', 'CALL_RECORDINGS', RECORDING_PREFIXES.callRecordings),
      chatTranscripts: s3Storage('ChatTranscriptsStorage', 'CHAT_TRANSCRIPTS', RECORDING_PREFIXES.chatTranscripts),
      contactTraceRecords: new connect.CfnInstanceStorageConfig(this, 'ContactTraceRecordsStorage', {
        instanceArn: this.instance.attrArn,
        resourceType: 'CONTACT_TRACE_RECORDS',
        storageType: 'KINESIS_STREAM',
        kinesisStreamConfig: { streamArn: props.contactTraceRecordStream.streamArn },
      }),
    };
    // Order matters: associating the KMS key with the S3 storage creates a grant for the instance's
    // service-linked role; the CTR stream is encrypted with the same key and relies on that grant
    // ("use the same customer managed key for call recordings … this key already has the permission").
    chainDependencies([
      this.storageConfigs.callRecordings,
      this.storageConfigs.chatTranscripts,
      this.storageConfigs.contactTraceRecords,
    ]);
  }

  /** The instance ARN. */
  public get instanceArn(): string {
    return this.instance.attrArn;
  }

  /** The instance id (the last part of the ARN). */
  public get instanceId(): string {
    return this.instance.attrId;
  }
}
