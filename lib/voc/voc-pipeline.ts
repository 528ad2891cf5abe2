import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import { BUNDLED_DICTIONARY_DIR } from '../../lambdas/shared/pii/japanese-names-places';
import { VOC_DIGEST_KEY_SECRET_ENV } from '../../lambdas/shared/pii/secrets-manager-digest-key';
import { VOC_LAKE_COLUMNS } from '../../lambdas/shared/voc/voc-lake';
import { DEFAULT_CONCURRENCY } from '../config';
import { acknowledgeBucketNotificationsHandler } from '../constructs/bucket-notifications-handler';
import { RECORDING_PREFIXES } from '../constructs/connect-instance';
import { ProjectFunction } from '../constructs/project-function';
import { ResourcelessGrant } from '../constructs/resourceless-grant';
import { reportDescription, reportSql, VOC_REPORTS, VOC_TABLE_NAME } from './reports';

export interface VocPipelineProps {
  /** Customer-managed key for the queues, lake, logs, topic, Firehose and Athena results. */
  readonly encryptionKey: kms.IKey;
  /** The customer table: VOC idempotency ledger (`VOC#<sourceId>`) and interaction sentiment. */
  readonly customerTable: dynamodb.ITableV2;
  /** CloudWatch Logs retention of the analyzer and Firehose logs. */
  readonly logRetentionDays: number;
  /**
   * The center's time zone (IANA): each message is partitioned (`dt=`) by its day there, so the
   * reports' days are the center's business days in Athena as in DuckDB.
   */
  readonly timeZone: string;
  /**
   * Bucket where Connect writes chat transcripts and Contact Lens output: new objects under
   * {@link transcriptPrefixes} are announced to the VOC queue and read by the analyzer.
   * @default no S3 notifications
   */
  readonly recordingsBucket?: s3.IBucket;
  /** @default ['connect/chat-transcripts/', 'Analysis/Voice/'] */
  readonly transcriptPrefixes?: string[];
  /** Server access logs of the lake bucket. @default none (acknowledged finding) */
  readonly accessLogsBucket?: s3.IBucket;
  /** Lake records and Athena results expire after this many days. @default 730 (results: 30) */
  readonly lakeRetentionDays?: number;
  /** Athena stops a query that scans more. @default 10 GiB */
  readonly bytesScannedCutoffPerQuery?: number;
  /** Glue database name (letters, digits, underscores). @default `<stack name>_voc` */
  readonly databaseName?: string;
  /** @default RemovalPolicy.RETAIN for the lake bucket */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Most analyzer invocations at once (SQS event source maximum concurrency, 2–1000): a burst of
   * VOC messages waits in the queue instead of taking the account's concurrency.
   * @default 2
   */
  readonly analyzerMaxConcurrency?: number;
}

/**
 * Copied into the analyzer's asset next to index.js: kuromoji reads its IPADIC dictionary from disk
 * at run time (esbuild cannot bundle it). bench/voc-analyzer-cold-start.ts builds the same asset.
 */
export const VOC_ANALYZER_ASSET_DIRECTORIES = [
  { from: 'node_modules/kuromoji/dict', to: BUNDLED_DICTIONARY_DIR },
] as const;

/** Function timeout; the queue's visibility timeout is 6× this plus the batching window (AWS guidance for SQS event sources). */
const ANALYZER_TIMEOUT = Duration.seconds(60);
/** The SQS event source's batching window (100 messages per invocation). */
const BATCHING_WINDOW = Duration.seconds(10);

/**
 * Voice of the customer: VOC queue (+ DLQ and alarm) → voc-analyzer (Comprehend, batches of 25,
 * partial batch failures) → Firehose (JSON → Parquet with the Glue schema, `voc/dt=YYYY-MM-DD/`) →
 * S3 lake → Glue table `voc_messages` (partition projection) → Athena workgroup + one named query
 * per report in `lib/voc/reports/`. Unhappy gold/platinum customers → {@link alertTopic}.
 */
export class VocPipeline extends Construct {
  /** Producers (intake, imports) send VOC messages here (grant with `queue.grantSendMessages`). */
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly analyzer: ProjectFunction;
  /** The analytics lake (records under `voc/`, Athena results under `athena-results/`). */
  public readonly lakeBucket: s3.Bucket;
  public readonly deliveryStream: firehose.CfnDeliveryStream;
  public readonly database: glue.CfnDatabase;
  public readonly table: glue.CfnTable;
  public readonly workgroup: athena.CfnWorkGroup;
  public readonly namedQueries: Record<string, athena.CfnNamedQuery>;
  /** Alerts about unhappy gold/platinum customers (subscribe the customer-care team). */
  public readonly alertTopic: sns.Topic;
  /**
   * The key of the keyed digests (HMAC-SHA256) that stand for source ids (and non-opaque customer
   * ids) in the lake and the alerts; only the analyzer may read it.
   */
  public readonly digestKeySecret: secretsmanager.Secret;
  public readonly databaseName: string;

  constructor(scope: Construct, id: string, props: VocPipelineProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const key = props.encryptionKey;
    const lakeDays = props.lakeRetentionDays ?? 730;
    if (!Number.isInteger(lakeDays) || lakeDays < 1) {
      throw new Error(`VocPipeline ${id}: lakeRetentionDays must be a positive integer, got ${lakeDays}`);
    }
    const cutoff = props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3;
    if (cutoff < 10_000_000) {
      throw new Error(`VocPipeline ${id}: bytesScannedCutoffPerQuery must be at least 10 MB (Athena minimum)`);
    }
    if (props.transcriptPrefixes && !props.recordingsBucket) {
      throw new Error(`VocPipeline ${id}: transcriptPrefixes needs recordingsBucket`);
    }
    this.databaseName =
      props.databaseName ?? `${stack.stackName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_voc`.slice(0, 255);
    if (!/^[a-z0-9_]+$/.test(this.databaseName)) {
      throw new Error(`VocPipeline ${id}: databaseName must be lower-case letters, digits and "_"`);
    }

    // Queue + DLQ (its alarm is the operations dashboard's, with every other DLQ).
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      // Lambda's guidance for SQS event sources: 6× the function timeout plus the batching window.
      visibilityTimeout: Duration.seconds(ANALYZER_TIMEOUT.toSeconds() * 6 + BATCHING_WINDOW.toSeconds()),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });

    // Lake bucket (records + Athena results).
    this.lakeBucket = new s3.Bucket(this, 'Lake', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? 'voc-lake/' : undefined,
      lifecycleRules: [
        { id: 'expire-voc-records', prefix: 'voc/', expiration: Duration.days(lakeDays) },
        { id: 'expire-firehose-errors', prefix: 'errors/', expiration: Duration.days(30) },
        { id: 'expire-athena-results', prefix: 'athena-results/', expiration: Duration.days(30) },
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (!props.accessLogsBucket) {
      Validations.of(this.lakeBucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Access to the VOC lake is audited through CloudTrail data events and Athena query history; pass accessLogsBucket to add S3 server access logs.',
      });
    }

    // Glue database + table with partition projection on dt.
    const location = `s3://${this.lakeBucket.bucketName}/voc/`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'Voice of the customer analytics lake' },
    });
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: this.databaseName,
      tableInput: {
        name: VOC_TABLE_NAME,
        description:
          'Analyzed, PII-redacted VOC messages (one row per source id), partitioned by the day in the center time zone',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'parquet',
          EXTERNAL: 'TRUE',
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          // dt is the center's local day, up to 14 h ahead of the UTC day Athena's NOW is: one more day
          // keeps today's partition visible from local midnight (00:00-09:00 JST).
          'projection.dt.range': '2024-01-01,NOW+1DAYS',
          'projection.dt.interval': '1',
          'projection.dt.interval.unit': 'DAYS',
          'storage.location.template': `${location}dt=\${dt}/`,
        },
        partitionKeys: [{ name: 'dt', type: 'string' }],
        storageDescriptor: {
          location,
          columns: VOC_LAKE_COLUMNS.map((c) => ({ name: c.name, type: c.type })),
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
    this.table.node.addDependency(this.database);

    // Firehose: JSON records → Parquet (Glue schema) under voc/dt=<record's dt>/.
    const firehoseLogGroup = new logs.LogGroup(this, 'FirehoseLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const firehoseLogStream = firehoseLogGroup.addStream('S3Delivery');
    const firehoseRole = new iam.Role(this, 'FirehoseRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'VOC delivery stream: write the lake, read the Glue schema, log delivery errors',
    });
    // The S3 actions Firehose documents for an S3 destination, on the two prefixes it writes.
    firehoseRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.lakeBucket.bucketArn],
      }),
    );
    firehoseRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
        resources: [this.lakeBucket.arnForObjects('voc/*'), this.lakeBucket.arnForObjects('errors/*')],
      }),
    );
    firehoseRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }),
    );
    firehoseLogGroup.grantWrite(firehoseRole);
    firehoseRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resources: [
          stack.formatArn({ service: 'glue', resource: 'catalog' }),
          stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
          stack.formatArn({
            service: 'glue',
            resource: 'table',
            resourceName: `${this.databaseName}/${VOC_TABLE_NAME}`,
          }),
        ],
      }),
    );
    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'CUSTOMER_MANAGED_CMK', keyArn: key.keyArn },
      extendedS3DestinationConfiguration: {
        bucketArn: this.lakeBucket.bucketArn,
        roleArn: firehoseRole.roleArn,
        prefix: 'voc/dt=!{partitionKeyFromQuery:dt}/',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/',
        // Dynamic partitioning needs at least 64 MB buffers.
        bufferingHints: { sizeInMBs: 64, intervalInSeconds: 300 },
        compressionFormat: 'UNCOMPRESSED',
        encryptionConfiguration: { kmsEncryptionConfig: { awskmsKeyArn: key.keyArn } },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: firehoseLogGroup.logGroupName,
          logStreamName: firehoseLogStream.logStreamName,
        },
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: '{dt: .dt}' },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
          ],
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: Aws.ACCOUNT_ID,
            databaseName: this.databaseName,
            tableName: VOC_TABLE_NAME,
            region: Aws.REGION,
            roleArn: firehoseRole.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });
    this.deliveryStream.node.addDependency(this.table);
    this.deliveryStream.node.addDependency(firehoseRole);
    const lakeId = stack.getLogicalId(this.lakeBucket.node.defaultChild as s3.CfnBucket);
    for (const prefix of ['voc', 'errors']) {
      Validations.of(firehoseRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${lakeId}.Arn>/${prefix}/*]`,
        reason: `Firehose writes one object per buffer under the ${prefix}/ prefix of the lake; object keys are generated by Firehose and not known in advance.`,
      });
    }

    // Athena: workgroup (enforced settings, SSE-KMS results, scan cutoff) + named queries.
    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${stack.stackName}-voc`.slice(0, 128),
      description: 'Voice of the customer reports',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.lakeBucket.bucketName}/athena-results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: key.keyArn },
        },
      },
    });
    this.namedQueries = {};
    for (const report of VOC_REPORTS) {
      const sql = reportSql(report.name);
      const q = new athena.CfnNamedQuery(this, `Report-${report.name}`, {
        name: `voc-${report.name}`,
        description: reportDescription(sql).slice(0, 1024),
        database: this.databaseName,
        queryString: sql,
        workGroup: this.workgroup.name,
      });
      q.node.addDependency(this.workgroup, this.database);
      this.namedQueries[report.name] = q;
    }

    // Alerts about unhappy gold/platinum customers.
    this.alertTopic = new sns.Topic(this, 'AlertTopic', {
      displayName: 'VOC alerts',
      masterKey: key,
      enforceSSL: true,
    });

    // The digest key: generated by Secrets Manager, encrypted with the project key.
    this.digestKeySecret = new secretsmanager.Secret(this, 'DigestKey', {
      description: 'VOC: key of the keyed digests (HMAC-SHA256) of source ids in the analytics lake',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.digestKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The digest key must stay the same for as long as the lake keeps records: a rotated key would give the same source id a new digest, so duplicates would no longer collapse and rows of one contact would no longer join.',
    });

    // The analyzer.
    this.analyzer = new ProjectFunction(this, 'Analyzer', {
      entry: 'lambdas/voc-analyzer/handler.ts',
      description: 'Voice of the customer: redact PII, Comprehend sentiment and key phrases, write the lake',
      timeout: ANALYZER_TIMEOUT,
      // kuromoji holds its IPADIC dictionary in memory (about 85 MB of heap, 380 MB resident
      // measured with Node 20); 1,024 MB leaves room for a batch and buys the CPU share that
      // shortens the dictionary load at cold start.
      memorySize: 1024,
      assetDirectories: VOC_ANALYZER_ASSET_DIRECTORIES,
      logRetentionDays: props.logRetentionDays,
      encryptionKey: key,
      environment: {
        VOC_DELIVERY_STREAM_NAME: this.deliveryStream.ref,
        VOC_ALERT_TOPIC_ARN: this.alertTopic.topicArn,
        CENTER_TIME_ZONE: props.timeZone,
        [VOC_DIGEST_KEY_SECRET_ENV]: this.digestKeySecret.secretArn,
        POWERTOOLS_SERVICE_NAME: 'voc-analyzer',
      },
    }).useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
    const analyzerRole = this.analyzer.role as iam.IRole;
    this.analyzer.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['firehose:PutRecordBatch'],
        resources: [this.deliveryStream.attrArn],
      }),
    );
    this.alertTopic.grantPublish(this.analyzer);
    this.digestKeySecret.grantRead(this.analyzer);
    // Comprehend's pre-trained detection APIs exist on Resource "*" only: a policy of their own, so
    // the analyzer's default policy keeps no `Resource::*` acknowledgement (ResourcelessGrant).
    const comprehend = new ResourcelessGrant(this, 'AnalyzerComprehendPolicy', {
      role: analyzerRole,
      purpose: 'VOC analysis with Comprehend (language, sentiment, key phrases, PII)',
      actions: [
        'comprehend:BatchDetectDominantLanguage',
        'comprehend:BatchDetectSentiment',
        'comprehend:BatchDetectKeyPhrases',
        'comprehend:DetectPiiEntities',
      ],
    });
    this.analyzer.node.addDependency(comprehend);
    this.analyzer.addEventSource(
      // 100 messages per invocation (not 25): Comprehend's batch APIs take 25 documents of ONE
      // language, so a mixed ja/en batch of 25 messages costs 4–5 partly filled requests; 100 lets
      // the analyzer fill batches of 25 per language (bench/voc-analyzer.ts measures both).
      new SqsEventSource(this.queue, {
        batchSize: 100,
        maxBatchingWindow: BATCHING_WINDOW,
        reportBatchItemFailures: true,
        // The cap lives on the event source, not in reserved concurrency: SQS then keeps the excess
        // messages instead of Lambda throttling them back into the queue towards the DLQ.
        maxConcurrency: props.analyzerMaxConcurrency ?? DEFAULT_CONCURRENCY.vocAnalyzerMax,
      }),
    );
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(analyzerRole).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: `${action} comes from the table and topic grant helpers (encrypt/decrypt with their customer-managed key); the statement is scoped to that one project key.`,
      });
    }

    if (props.recordingsBucket) {
      const bucket = props.recordingsBucket;
      // Chat transcripts where ConnectInstance stores them; Contact Lens writes its output under Analysis/.
      const prefixes = props.transcriptPrefixes ?? [`${RECORDING_PREFIXES.chatTranscripts}/`, 'Analysis/Voice/'];
      // GetObject on the transcript prefixes only (the key is the project key the function may decrypt).
      this.analyzer.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject'],
          resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)),
        }),
      );
      const cfnBucket = bucket.node.defaultChild;
      if (cfnBucket instanceof s3.CfnBucket) {
        const bucketId = Stack.of(cfnBucket).getLogicalId(cfnBucket);
        for (const prefix of prefixes) {
          Validations.of(analyzerRole).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
            reason: `The analyzer reads the transcript announced by each S3 notification under ${prefix}; object keys are written by Amazon Connect and not known in advance.`,
          });
        }
      }
      for (const prefix of prefixes) {
        bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new EncryptedQueueDestination(this.queue, key), {
          prefix,
          suffix: '.json',
        });
      }
      acknowledgeBucketNotificationsHandler(this);
    }
  }
}

/**
 * S3 → SQS notification destination for a queue encrypted with the same customer-managed key as the
 * bucket. `aws-s3-notifications.SqsDestination` scopes the key policy to the bucket ARN, which makes
 * key → bucket → key a dependency cycle; here the key statement is scoped to this account's S3
 * (aws:SourceAccount) and the queue policy to the bucket (aws:SourceArn).
 */
class EncryptedQueueDestination implements s3.IBucketNotificationDestination {
  private static readonly keysOpenToS3 = new WeakSet<kms.IKey>();

  constructor(
    private readonly queue: sqs.IQueue,
    private readonly key: kms.IKey,
  ) {}

  bind(_scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    const s3Principal = new iam.ServicePrincipal('s3.amazonaws.com');
    const { policyDependable } = this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [s3Principal],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        },
      }),
    );
    if (!EncryptedQueueDestination.keysOpenToS3.has(this.key)) {
      EncryptedQueueDestination.keysOpenToS3.add(this.key);
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowS3NotificationsToEncryptedQueues',
          principals: [s3Principal],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
    return {
      arn: this.queue.queueArn,
      type: s3.BucketNotificationDestinationType.QUEUE,
      dependencies: policyDependable ? [policyDependable] : [],
    };
  }
}
