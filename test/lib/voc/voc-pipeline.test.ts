import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as cdk from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VOC_REPORTS } from '../../../lib/voc/reports';
import { VocPipeline } from '../../../lib/voc/voc-pipeline';
import { testApp } from '../test-app';

function build(withRecordings = true) {
  const app = testApp();
  const stack = new Stack(app, 'VocTest', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const customerTable = new dynamodb.TableV2(stack, 'Customers', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryptionV2.customerManagedKey(encryptionKey),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
  });
  const recordingsBucket = new s3.Bucket(stack, 'Recordings', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey,
    enforceSSL: true,
    serverAccessLogsBucket: accessLogs,
  });
  const voc = new VocPipeline(stack, 'Voc', {
    encryptionKey,
    customerTable,
    logRetentionDays: 30,
    timeZone: 'Asia/Tokyo',
    ...(withRecordings ? { recordingsBucket } : {}),
  });
  return { app, stack, voc, template: Template.fromStack(stack) };
}

const { app, stack, voc, template } = build();

describe('VocPipeline queue', () => {
  it('has a KMS-encrypted, TLS-only queue with a DLQ (alarmed by the operations dashboard)', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: Match.anyValue(),
      VisibilityTimeout: 370, // 6 × 60 s timeout + 10 s batching window
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('feeds the analyzer 100 messages at a time (full Comprehend batches per language) with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumBatchingWindowInSeconds: 10,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          CUSTOMER_TABLE_NAME: Match.anyValue(),
          VOC_DELIVERY_STREAM_NAME: Match.anyValue(),
          VOC_ALERT_TOPIC_ARN: Match.anyValue(),
          CENTER_TIME_ZONE: 'Asia/Tokyo', // the lake's dt is the day there
        }),
      },
      Timeout: 60,
    });
  });

  it('announces new transcripts in the recordings bucket to the queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayWith([
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: {
              Key: {
                FilterRules: Match.arrayWith([{ Name: 'prefix', Value: 'connect/chat-transcripts/' }]),
              },
            },
          }),
        ]),
      },
    });
  });
});

describe('VocPipeline lake', () => {
  it('delivers Parquet converted with the Glue schema under voc/dt=<day>/', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'CUSTOMER_MANAGED_CMK' },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        Prefix: 'voc/dt=!{partitionKeyFromQuery:dt}/',
        ErrorOutputPrefix: Match.stringLikeRegexp('^errors/'),
        DynamicPartitioningConfiguration: Match.objectLike({ Enabled: true }),
        DataFormatConversionConfiguration: {
          Enabled: true,
          InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
          OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
          SchemaConfiguration: Match.objectLike({ TableName: 'voc_messages', VersionId: 'LATEST' }),
        },
      }),
    });
  });

  it('defines the Glue table with dt partition projection', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        Name: 'voc_messages',
        PartitionKeys: [{ Name: 'dt', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'projection.dt.type': 'date',
          'projection.dt.format': 'yyyy-MM-dd',
          'projection.dt.range': '2024-01-01,NOW+1DAYS',
          'storage.location.template': Match.objectLike({
            'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/voc/dt=\\$\\{dt\\}/$')])],
          }),
        }),
        StorageDescriptor: Match.objectLike({
          Columns: Match.arrayWith([
            { Name: 'score_negative', Type: 'double' },
            { Name: 'key_phrases', Type: 'array<string>' },
          ]),
          SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        }),
      }),
    });
  });

  it('exposes the queue and the lake bucket', () => {
    expect(voc.queue).toBeDefined();
    expect(voc.lakeBucket).toBeDefined();
  });
});

describe('VocPipeline Athena', () => {
  it('enforces the workgroup configuration with SSE-KMS results and a scan cutoff', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'VocTest-voc',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: Match.anyValue(),
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: Match.anyValue() },
        },
      }),
    });
  });

  it('has one named query per report file, with the file text', () => {
    template.resourceCountIs('AWS::Athena::NamedQuery', VOC_REPORTS.length);
    template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Name: 'voc-negative-key-phrases',
      Database: 'voctest_voc',
      WorkGroup: 'VocTest-voc',
      QueryString: Match.stringLikeRegexp('CROSS JOIN UNNEST\\(key_phrases\\)'),
    });
  });

  it('grants Comprehend detection on * and Firehose put on the stream only', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    // CDK merges statements with the same resource: look for the actions on "*".
    const onStar = statements.filter((st) => st.Resource === '*').flatMap((st) => [st.Action].flat());
    expect(onStar).toEqual(
      expect.arrayContaining([
        'comprehend:BatchDetectDominantLanguage',
        'comprehend:BatchDetectSentiment',
        'comprehend:BatchDetectKeyPhrases',
        'comprehend:DetectPiiEntities',
      ]),
    );
    expect(onStar.filter((a) => String(a).startsWith('comprehend:'))).toHaveLength(4);
    const put = statements.filter((st) => st.Action === 'firehose:PutRecordBatch');
    expect(put).toHaveLength(1);
    expect(put[0]?.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^VocDeliveryStream/), 'Arn'] });
  });
});

describe('VocPipeline PII redaction', () => {
  const analyzerId = stack.getLogicalId(voc.analyzer.node.defaultChild as cdk.CfnElement);
  const secretId = stack.getLogicalId(voc.digestKeySecret.node.defaultChild as cdk.CfnElement);
  const roleId = stack.getLogicalId((voc.analyzer.role as cdk.aws_iam.Role).node.defaultChild as cdk.CfnElement);

  it('ships the kuromoji IPADIC dictionary next to the bundle in the analyzer asset', () => {
    const fn = template.findResources('AWS::Lambda::Function')[analyzerId];
    const zip = fn?.Properties?.Code?.S3Key as string;
    const dir = join(app.synth().directory, `asset.${zip.replace(/\.zip$/, '')}`);
    expect(existsSync(join(dir, 'index.js'))).toBe(true);
    const dict = readdirSync(join(dir, 'kuromoji-dict')).sort();
    expect(dict).toEqual(readdirSync(join(__dirname, '../../../node_modules/kuromoji/dict')).sort());
    expect(statSync(join(dir, 'kuromoji-dict', 'base.dat.gz')).size).toBeGreaterThan(1_000_000);
  });

  it('keeps the digest key in a secret encrypted with the project key, named to the analyzer only', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ VOC_DIGEST_KEY_SECRET_ARN: { Ref: secretId } }) },
      MemorySize: 1024,
    });
  });

  it('lets the analyzer read that one secret and nothing else read it', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const readers = Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((st) => [st.Action].flat().some((a) => a.startsWith('secretsmanager:')))
        .map((st) => ({ roles: p.Properties.Roles, actions: [st.Action].flat().sort(), resource: st.Resource })),
    );
    expect(readers).toEqual([
      {
        roles: [{ Ref: roleId }],
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resource: { Ref: secretId },
      },
    ]);
  });

  it('adds the per-document redaction counts to the Glue schema (and so to the Parquet conversion)', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        StorageDescriptor: Match.objectLike({
          Columns: Match.arrayWith([{ Name: 'pii_counts', Type: 'map<string,int>' }]),
        }),
      }),
    });
  });
});

describe('VocPipeline validation', () => {
  it('rejects invalid props at synth', () => {
    const s = new Stack(testApp(), 'Bad');
    const encryptionKey = new kms.Key(s, 'K');
    const base = {
      encryptionKey,
      customerTable: new dynamodb.TableV2(s, 'T', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      }),
      logRetentionDays: 30,
      timeZone: 'Asia/Tokyo',
    };
    expect(() => new VocPipeline(s, 'V1', { ...base, lakeRetentionDays: 0 })).toThrow('lakeRetentionDays');
    expect(() => new VocPipeline(s, 'V2', { ...base, transcriptPrefixes: ['x/'] })).toThrow('needs recordingsBucket');
    expect(() => new VocPipeline(s, 'V3', { ...base, bytesScannedCutoffPerQuery: 5 })).toThrow(
      'bytesScannedCutoffPerQuery',
    );
  });
});

describe('VocPipeline cdk-nag', () => {
  it('has zero unacknowledged AwsSolutions findings on its resources', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`),
    );
    expect(findings.filter((f) => f.includes('/Voc/') || f.includes('BucketNotificationsHandler'))).toEqual([]);
  });
});
