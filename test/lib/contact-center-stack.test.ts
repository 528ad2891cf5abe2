import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { parseConfig } from '../../lib/config';
import { SECURITY_PROFILE_PERMISSIONS } from '../../lib/constructs/connect-agents';
import { ConnectInstance } from '../../lib/constructs/connect-instance';
import { ConnectRouting } from '../../lib/constructs/connect-routing';
import { CustomerData } from '../../lib/constructs/customer-data';
import { Telephony } from '../../lib/constructs/telephony';
import { ContactCenterStack } from '../../lib/contact-center-stack';
import { testApp } from './test-app';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };

const config = parseConfig({
  instanceAlias: 'acme-support',
  alarmEmail: 'oncall@example.com',
  // Japanese numbers need an AWS support case (see the existingNumberArn variant); US ones can be claimed.
  phoneNumber: { enabled: true, countryCode: 'US', type: 'DID', prefix: '+1206', callerIdName: 'Acme Support' },
  hoursOfOperation: {
    BusinessHours: {
      description: 'Weekdays',
      schedule: { MONDAY: { start: '09:00', end: '18:00' }, FRIDAY: { start: '09:30', end: '17:45' } },
    },
    AllWeek: {
      description: 'Every day',
      timeZone: 'UTC',
      schedule: { SATURDAY: { start: '10:00', end: '16:00' }, SUNDAY: { start: '10:00', end: '16:00' } },
    },
  },
  queues: [
    { name: 'General', description: 'Everyone', hours: 'BusinessHours', maxContacts: 40 },
    { name: 'Priority', description: 'Gold and platinum', hours: 'AllWeek' },
  ],
  routingProfile: { name: 'Agents', voice: 1, chat: 3, task: 5 },
  agents: [
    { username: 'sato', firstName: '花子', lastName: '佐藤', email: 'sato@example.com' },
    {
      username: 'suzuki',
      firstName: '一郎',
      lastName: '鈴木',
      email: 'suzuki@example.com',
      securityProfile: 'Supervisor',
    },
  ],
  retention: { logDays: 90, recordingsDays: 730, contactRecordStreamHours: 48 },
});

// One synthesis of the full stack (with the shipped flows) for the whole file, plus small variants
// (SAML with no number; an existing number given by ARN).
const stack = new ContactCenterStack(testApp(), 'Test', { config, env: ENV });
const template = Template.fromStack(stack);
const samlStack = new ContactCenterStack(testApp(), 'Saml', {
  config: parseConfig({ identityManagement: { type: 'SAML' }, phoneNumber: { enabled: false } }),
  env: ENV,
});
const saml = Template.fromStack(samlStack);
const EXISTING_NUMBER_ARN =
  'arn:aws:connect:ap-northeast-1:123456789012:phone-number/0b9f6a3e-1111-4c2d-9e8f-5a6b7c8d9e0f';
const existingStack = new ContactCenterStack(testApp(), 'Existing', {
  config: parseConfig({ phoneNumber: { enabled: true, existingNumberArn: EXISTING_NUMBER_ARN } }),
  env: ENV,
});
const existing = Template.fromStack(existingStack);

const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.key.node.defaultChild as kms.CfnKey), 'Arn'] };
const instanceArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.connect.instance), 'Arn'] };

function logicalId(type: string, props: Record<string, unknown> = {}): string {
  const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(props) }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

function dependsOn(id: string): string[] {
  const r = template.toJSON().Resources[id] as { DependsOn?: string[] };
  return r.DependsOn ?? [];
}

describe('encryption key', () => {
  test('one customer-managed key with rotation, retained (plus the agent app bucket’s own key)', () => {
    // The agent app's hosting bucket has a key of its own (lib/agent-app/agent-app-hosting.ts says why).
    template.resourceCountIs('AWS::KMS::Key', 2);
    const projectKey = stack.getLogicalId(stack.key.node.defaultChild as kms.CfnKey);
    expect(template.toJSON().Resources[projectKey]).toMatchObject({
      Properties: { EnableKeyRotation: true, RotationPeriodInDays: 365 },
      DeletionPolicy: 'Retain',
    });
    const hostingKey = stack.getLogicalId(stack.agentApp!.hosting.key.node.defaultChild as kms.CfnKey);
    expect(Object.keys(template.findResources('AWS::KMS::Key')).sort()).toEqual([hostingKey, projectKey].sort());
  });
});

describe('Connect instance', () => {
  test('inbound + outbound calls, flow logs and Contact Lens, managed identities', () => {
    template.hasResourceProperties('AWS::Connect::Instance', {
      InstanceAlias: 'acme-support',
      IdentityManagementType: 'CONNECT_MANAGED',
      Attributes: Match.objectLike({
        InboundCalls: true,
        OutboundCalls: true,
        ContactflowLogs: true,
        ContactLens: true,
      }),
    });
  });

  test('SAML instances have no users and no password secrets', () => {
    saml.hasResourceProperties('AWS::Connect::Instance', { IdentityManagementType: 'SAML' });
    saml.resourceCountIs('AWS::Connect::User', 0);
    // No password secrets: the secrets left are keys, the VOC digest key and intake's identity-token key.
    const secrets = Object.values(saml.findResources('AWS::SecretsManager::Secret'));
    expect(secrets.map((r) => r.Properties.Description).sort()).toEqual([
      'HS256 key the embedding website signs visitor identity tokens with (chat and web form intake)',
      'VOC: key of the keyed digests (HMAC-SHA256) of source ids in the analytics lake',
    ]);
  });

  test('call recordings and chat transcripts go to the recordings bucket encrypted with the key', () => {
    const bucket = {
      Ref: stack.getLogicalId(stack.recordingsBucket.node.defaultChild as import('aws-cdk-lib').CfnResource),
    };
    for (const [type, prefix] of [
      ['CALL_RECORDINGS', 'connect/call-recordings'],
      ['CHAT_TRANSCRIPTS', 'connect/chat-transcripts'],
    ]) {
      template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
        InstanceArn: instanceArn,
        ResourceType: type,
        StorageType: 'S3',
        S3Config: {
          BucketName: bucket,
          BucketPrefix: prefix,
          EncryptionConfig: { EncryptionType: 'KMS', KeyId: keyArn },
        },
      });
    }
  });

  test('contact trace records go to a KMS-encrypted Kinesis stream', () => {
    template.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
      ResourceType: 'CONTACT_TRACE_RECORDS',
      StorageType: 'KINESIS_STREAM',
      KinesisStreamConfig: { StreamArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ContactTraceRecords'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: keyArn },
      RetentionPeriodHours: 48,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    });
  });

  test('contact flow logs go to a pre-created encrypted log group with retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/connect/acme-support',
      RetentionInDays: 90,
      KmsKeyId: keyArn,
    });
  });
});

describe('recordings bucket', () => {
  test('KMS with the key, public access blocked, access logs, lifecycle from recordingsDays, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn },
              BucketKeyEnabled: true,
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'recordings/' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 730, Status: 'Enabled' })]),
        },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('every bucket denies requests without TLS', () => {
    const buckets = Object.keys(template.findResources('AWS::S3::Bucket'));
    expect(buckets.length).toBeGreaterThanOrEqual(3); // access logs, recordings, VOC lake (+ raw mail with email)
    for (const id of buckets) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });
});

describe('hours, queues and routing profile', () => {
  test('hours carry the schedule in the configured time zone (default Asia/Tokyo)', () => {
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'BusinessHours',
      TimeZone: 'Asia/Tokyo',
      Config: [
        { Day: 'MONDAY', StartTime: { Hours: 9, Minutes: 0 }, EndTime: { Hours: 18, Minutes: 0 } },
        { Day: 'FRIDAY', StartTime: { Hours: 9, Minutes: 30 }, EndTime: { Hours: 17, Minutes: 45 } },
      ],
    });
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'AllWeek',
      TimeZone: 'UTC',
      Config: [Match.objectLike({ Day: 'SATURDAY' }), Match.objectLike({ Day: 'SUNDAY' })],
    });
  });

  test('queues use their hours and maxContacts', () => {
    const business = logicalId('AWS::Connect::HoursOfOperation', { Name: 'BusinessHours' });
    const allWeek = logicalId('AWS::Connect::HoursOfOperation', { Name: 'AllWeek' });
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'General',
      MaxContacts: 40,
      HoursOfOperationArn: { 'Fn::GetAtt': [business, 'HoursOfOperationArn'] },
    });
    template.hasResourceProperties('AWS::Connect::Queue', {
      Name: 'Priority',
      MaxContacts: Match.absent(),
      HoursOfOperationArn: { 'Fn::GetAtt': [allWeek, 'HoursOfOperationArn'] },
    });
    expect(Object.keys(stack.queueArns)).toEqual(['General', 'Priority']);
    expect(Object.keys(stack.hoursArns)).toEqual(['BusinessHours', 'AllWeek', 'OperatingCalendar']);
  });

  test('routing profile: concurrencies from config, every queue on every channel, Priority first', () => {
    const general = logicalId('AWS::Connect::Queue', { Name: 'General' });
    const priority = logicalId('AWS::Connect::Queue', { Name: 'Priority' });
    const q = (id: string, channel: string, prio: number) => ({
      Delay: 0,
      Priority: prio,
      QueueReference: { Channel: channel, QueueArn: { 'Fn::GetAtt': [id, 'QueueArn'] } },
    });
    template.hasResourceProperties('AWS::Connect::RoutingProfile', {
      Name: 'Agents',
      DefaultOutboundQueueArn: { 'Fn::GetAtt': [general, 'QueueArn'] },
      MediaConcurrencies: [
        { Channel: 'VOICE', Concurrency: 1 },
        { Channel: 'CHAT', Concurrency: 3 },
        { Channel: 'TASK', Concurrency: 5 },
      ],
      QueueConfigs: [
        q(general, 'VOICE', 2),
        q(general, 'CHAT', 2),
        q(general, 'TASK', 2),
        q(priority, 'VOICE', 1),
        q(priority, 'CHAT', 1),
        q(priority, 'TASK', 1),
      ],
    });
  });
});

describe('security profiles and users', () => {
  test('Agent and Supervisor with their explicit permission lists', () => {
    template.hasResourceProperties('AWS::Connect::SecurityProfile', {
      SecurityProfileName: 'Agent',
      Permissions: ['BasicAgentAccess', 'OutboundCallAccess', 'TransferDestinations.View'],
    });
    template.hasResourceProperties('AWS::Connect::SecurityProfile', {
      SecurityProfileName: 'Supervisor',
      Permissions: [...SECURITY_PROFILE_PERMISSIONS.Supervisor],
    });
    expect(SECURITY_PROFILE_PERMISSIONS.Supervisor).toEqual(
      expect.arrayContaining(['AccessMetrics', 'ManagerListenIn']),
    );
  });

  test('users get the routing profile, their security profile and a password from their own secret', () => {
    const agentProfile = logicalId('AWS::Connect::SecurityProfile', { SecurityProfileName: 'Agent' });
    const supervisorProfile = logicalId('AWS::Connect::SecurityProfile', { SecurityProfileName: 'Supervisor' });
    const routingProfile = logicalId('AWS::Connect::RoutingProfile');
    const secretSato = logicalId('AWS::SecretsManager::Secret', { Name: 'Test/connect-users/sato' });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'Test/connect-users/sato',
      KmsKeyId: keyArn,
      GenerateSecretString: {
        SecretStringTemplate: '{"username":"sato"}',
        GenerateStringKey: 'password',
        PasswordLength: 24,
        ExcludePunctuation: true,
        RequireEachIncludedType: true,
      },
    });
    template.hasResourceProperties('AWS::Connect::User', {
      Username: 'sato',
      IdentityInfo: { FirstName: '花子', LastName: '佐藤', Email: 'sato@example.com' },
      RoutingProfileArn: { 'Fn::GetAtt': [routingProfile, 'RoutingProfileArn'] },
      SecurityProfileArns: [{ 'Fn::GetAtt': [agentProfile, 'SecurityProfileArn'] }],
      Password: {
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretSato }, ':SecretString:password::}}']],
      },
    });
    template.hasResourceProperties('AWS::Connect::User', {
      Username: 'suzuki',
      SecurityProfileArns: [{ 'Fn::GetAtt': [supervisorProfile, 'SecurityProfileArn'] }],
    });
  });

  test('no password text anywhere in the template', () => {
    const users = template.findResources('AWS::Connect::User');
    for (const u of Object.values(users) as { Properties: { Password: unknown } }[]) {
      expect(JSON.stringify(u.Properties.Password)).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:/);
    }
  });
});

describe('dependency chain between Connect resources', () => {
  test('each Connect resource waits for the previous one: the number is claimed early, associated last', () => {
    const chatFlow = Object.keys(template.findResources('AWS::Connect::ContactFlow')).find((id) =>
      id.includes('InboundChatFlow'),
    )!;
    const order = [
      logicalId('AWS::Connect::InstanceStorageConfig', { ResourceType: 'CALL_RECORDINGS' }),
      logicalId('AWS::Connect::InstanceStorageConfig', { ResourceType: 'CHAT_TRANSCRIPTS' }),
      logicalId('AWS::Connect::InstanceStorageConfig', { ResourceType: 'CONTACT_TRACE_RECORDS' }),
      logicalId('AWS::Connect::PhoneNumber'),
      logicalId('AWS::Connect::HoursOfOperation', { Name: 'BusinessHours' }),
      logicalId('AWS::Connect::HoursOfOperation', { Name: 'AllWeek' }),
      logicalId('AWS::Connect::HoursOfOperation', { Name: 'OperatingCalendar' }),
      logicalId('AWS::Connect::Queue', { Name: 'General' }),
      logicalId('AWS::Connect::Queue', { Name: 'Priority' }),
      logicalId('AWS::Connect::RoutingProfile'),
      // The agent app's registration, before the security profiles that grant it.
      logicalId('AWS::Connect::IntegrationAssociation', { IntegrationType: 'APPLICATION' }),
      logicalId('AWS::Connect::ApprovedOrigin'),
      logicalId('AWS::Connect::SecurityProfile', { SecurityProfileName: 'Agent' }),
      logicalId('AWS::Connect::SecurityProfile', { SecurityProfileName: 'Supervisor' }),
      logicalId('AWS::Connect::User', { Username: 'sato' }),
      logicalId('AWS::Connect::User', { Username: 'suzuki' }),
      logicalId('AWS::Connect::ContactFlow', { Type: 'CUSTOMER_QUEUE' }),
      logicalId('AWS::Connect::ContactFlow', { Type: 'CONTACT_FLOW', Name: 'Inbound voice' }),
      chatFlow,
      logicalId('Custom::ConnectPhoneNumberFlowAssociation'),
    ];
    // Either an explicit DependsOn or a reference (the inbound flow names the queue flow's ARN).
    const waitsFor = (id: string, previous: string) =>
      dependsOn(id).includes(previous) ||
      JSON.stringify(template.toJSON().Resources[id]).includes(`{"Fn::GetAtt":["${previous}",`);
    for (let i = 1; i < order.length; i++)
      expect([order[i], waitsFor(order[i]!, order[i - 1]!)]).toEqual([order[i], true]);
  });
});

describe('inbound flow and phone number', () => {
  test('the inbound flow is a published CONTACT_FLOW with the file content', () => {
    template.hasResourceProperties('AWS::Connect::ContactFlow', {
      InstanceArn: instanceArn,
      Type: 'CONTACT_FLOW',
      State: 'ACTIVE',
      // The content embeds ARNs of the stack's resources, so CloudFormation joins it at deploy time.
      Content: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"Version": "2019-10-30"')])] },
    });
  });

  test('a number is claimed to the instance with the configured country, type and prefix', () => {
    template.hasResourceProperties('AWS::Connect::PhoneNumber', {
      TargetArn: instanceArn,
      CountryCode: 'US',
      Type: 'DID',
      Prefix: '+1206',
    });
    // Claimed before hours and queues, not after the flows (queues name it as their caller ID).
    expect(dependsOn(logicalId('AWS::Connect::PhoneNumber'))).toEqual([
      logicalId('AWS::Connect::InstanceStorageConfig', { ResourceType: 'CONTACT_TRACE_RECORDS' }),
    ]);
  });

  test('every queue dials out (callbacks, agent outbound calls) with the number and the caller ID name', () => {
    const number = { 'Fn::GetAtt': [logicalId('AWS::Connect::PhoneNumber'), 'PhoneNumberArn'] };
    for (const name of ['General', 'Priority']) {
      template.hasResourceProperties('AWS::Connect::Queue', {
        Name: name,
        OutboundCallerConfig: { OutboundCallerIdNumberArn: number, OutboundCallerIdName: 'Acme Support' },
      });
    }
  });

  test("a custom resource associates the number with the inbound flow's published version and disassociates it on delete", () => {
    const phone = logicalId('AWS::Connect::PhoneNumber');
    const flow = Object.keys(template.findResources('AWS::Connect::ContactFlowVersion')).find((id) =>
      id.includes('InboundVoiceVersion'),
    )!;
    const [id, cr] = Object.entries(template.findResources('Custom::ConnectPhoneNumberFlowAssociation'))[0] as [
      string,
      { Properties: Record<string, unknown> },
    ];
    const create = JSON.stringify(cr.Properties.Create);
    expect(create).toContain('AssociatePhoneNumberContactFlow');
    expect(create).toContain(phone);
    expect(create).toContain(flow);
    expect(JSON.stringify(cr.Properties.Update)).toContain('AssociatePhoneNumberContactFlow');
    const del = JSON.stringify(cr.Properties.Delete);
    expect(del).toContain('DisassociatePhoneNumberContactFlow');
    expect(del).toContain('ResourceNotFoundException');
    // Ordered after the claim and the flow (the GetAtt references above), and after its policy.
    expect(dependsOn(id).some((d) => d.includes('CustomResourcePolicy'))).toBe(true);
  });

  test('the association may only call the two Connect actions on that number and flow (and its version)', () => {
    const phone = logicalId('AWS::Connect::PhoneNumber');
    const flow = logicalId('AWS::Connect::ContactFlow', { Type: 'CONTACT_FLOW', Name: 'Inbound voice' });
    const version = Object.keys(template.findResources('AWS::Connect::ContactFlowVersion')).find((id) =>
      id.includes('InboundVoiceVersion'),
    )!;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
      Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } };
    }[];
    const statements = policies
      .map((p) => p.Properties.PolicyDocument.Statement)
      .find((st) => JSON.stringify(st).includes('connect:AssociatePhoneNumberContactFlow'))!;
    expect(statements).toHaveLength(2);
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'connect:AssociatePhoneNumberContactFlow',
          Effect: 'Allow',
          Resource: expect.arrayContaining([
            { 'Fn::GetAtt': [flow, 'ContactFlowArn'] },
            { 'Fn::GetAtt': [version, 'ContactFlowVersionARN'] },
            { 'Fn::GetAtt': [phone, 'PhoneNumberArn'] },
          ]),
        }),
        expect.objectContaining({
          Action: 'connect:DisassociatePhoneNumberContactFlow',
          Effect: 'Allow',
          Resource: { 'Fn::GetAtt': [phone, 'PhoneNumberArn'] },
        }),
      ]),
    );
    expect((statements[0]!.Resource as unknown[]).length).toBe(3);
  });

  test('no number, association, caller ID or phone output when phoneNumber.enabled is false', () => {
    saml.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    saml.resourceCountIs('Custom::ConnectPhoneNumberFlowAssociation', 0);
    saml.resourceCountIs('AWS::Connect::Queue', 2);
    saml.allResourcesProperties('AWS::Connect::Queue', { OutboundCallerConfig: Match.absent() });
    expect(saml.findOutputs('PhoneNumber')).toEqual({});
    expect(samlStack.telephony).toBeUndefined();
    // Without a number the hours follow the storage configs directly.
    const hours = Object.keys(saml.findResources('AWS::Connect::HoursOfOperation'))[0]!;
    const ctr = Object.keys(
      saml.findResources('AWS::Connect::InstanceStorageConfig', {
        Properties: { ResourceType: 'CONTACT_TRACE_RECORDS' },
      }),
    )[0]!;
    expect((saml.toJSON().Resources[hours] as { DependsOn?: string[] }).DependsOn).toContain(ctr);
  });

  test('existingNumberArn: nothing is claimed; queues and the association use that number', () => {
    existing.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    for (const name of ['General', 'Priority']) {
      existing.hasResourceProperties('AWS::Connect::Queue', {
        Name: name,
        // callerIdName defaults to the instance alias.
        OutboundCallerConfig: {
          OutboundCallerIdNumberArn: EXISTING_NUMBER_ARN,
          OutboundCallerIdName: 'serverless-contact-center',
        },
      });
    }
    const inbound = existingStack.getLogicalId(existingStack.ivr.flows.versions.InboundVoice!);
    const [, cr] = Object.entries(existing.findResources('Custom::ConnectPhoneNumberFlowAssociation'))[0] as [
      string,
      { Properties: Record<string, unknown> },
    ];
    const create = JSON.stringify(cr.Properties.Create);
    expect(create).toContain('AssociatePhoneNumberContactFlow');
    expect(create).toContain('\\"PhoneNumberId\\":\\"0b9f6a3e-1111-4c2d-9e8f-5a6b7c8d9e0f\\"');
    expect(create).toContain(inbound);
    expect(JSON.stringify(cr.Properties.Delete)).toContain('DisassociatePhoneNumberContactFlow');
    const statements = (
      Object.values(existing.findResources('AWS::IAM::Policy')) as {
        Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } };
      }[]
    )
      .map((p) => p.Properties.PolicyDocument.Statement)
      .find((st) => JSON.stringify(st).includes('connect:AssociatePhoneNumberContactFlow'))!;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'connect:DisassociatePhoneNumberContactFlow',
          Resource: EXISTING_NUMBER_ARN,
        }),
      ]),
    );
    existing.hasOutput('PhoneNumber', { Value: EXISTING_NUMBER_ARN });
    expect(existingStack.telephony?.address).toBeUndefined();
    expect(existingStack.telephony?.numberArn).toBe(EXISTING_NUMBER_ARN);
  });
});

describe('customer table', () => {
  test('pk/sk strings, on demand, PITR, deletion protection, SSE with the key, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: 'ap-northeast-1',
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: keyArn },
          }),
        ],
      }),
      DeletionPolicy: 'Retain',
    });
  });
});

describe('alarm topic', () => {
  test('KMS-encrypted with the key, TLS-only, email subscription from config', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    saml.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('CloudWatch alarms may use the key to publish to the encrypted topic', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });
});

describe('outputs', () => {
  test('instance id and ARN, phone number, table name, recordings bucket', () => {
    template.hasOutput('InstanceId', { Value: { 'Fn::GetAtt': [stack.getLogicalId(stack.connect.instance), 'Id'] } });
    template.hasOutput('InstanceArn', { Value: instanceArn });
    template.hasOutput('PhoneNumber', { Value: { 'Fn::GetAtt': [logicalId('AWS::Connect::PhoneNumber'), 'Address'] } });
    template.hasOutput('CustomerTableName', { Value: { Ref: logicalId('AWS::DynamoDB::GlobalTable') } });
    template.hasOutput('RecordingsBucketName', {
      Value: Match.objectLike({ Ref: Match.stringLikeRegexp('Recordings') }),
    });
  });
});

describe('constructs reject invalid props at synth', () => {
  const s = new Stack(testApp(), 'Props', { env: ENV });
  const key = new kms.Key(s, 'K');
  /** Valid ConnectRouting props, for the ConnectRouting tests to break. */
  const routing = {
    instanceArn: 'arn:aws:connect:ap-northeast-1:123456789012:instance/x',
    timeZone: 'Asia/Tokyo',
    hoursOfOperation: { H: { description: 'h', schedule: {} } },
    queues: [{ name: 'General', description: 'g', hours: 'H' }],
    routingProfile: { name: 'Agents', voice: 1, chat: 2, task: 3 },
  };

  test('CustomerData: DESTROY with deletion protection', () => {
    expect(
      () =>
        new CustomerData(s, 'T', {
          encryptionKey: key,
          removalPolicy: 'destroy' as never,
        }),
    ).toThrow(/removalPolicy DESTROY cannot delete a table with deletionProtection on/);
  });

  test('ConnectRouting: unknown default queue, unknown hours, impossible concurrency', () => {
    expect(() => new ConnectRouting(s, 'R1', { ...routing, defaultQueue: 'Sales' })).toThrow(/defaultQueue "Sales"/);
    expect(
      () => new ConnectRouting(s, 'R2', { ...routing, queues: [{ name: 'General', description: 'g', hours: 'X' }] }),
    ).toThrow(/unknown hours "X"/);
    expect(
      () => new ConnectRouting(s, 'R3', { ...routing, routingProfile: { name: 'A', voice: 2, chat: 2, task: 3 } }),
    ).toThrow(/voice 1/);
  });

  test('ConnectInstance: bad alias', () => {
    const storage = stack.recordingsBucket;
    expect(
      () =>
        new ConnectInstance(s, 'I', {
          instanceAlias: 'bad_alias',
          identityManagement: { type: 'CONNECT_MANAGED' },
          recordingsBucket: storage,
          encryptionKey: key,
          contactTraceRecordStream: stack.contactTraceRecordStream,
          flowLogRetentionDays: 30,
        }),
    ).toThrow(/instanceAlias "bad_alias"/);
  });

  test('Telephony: bad prefix, bad or foreign existing ARN, associating twice', () => {
    expect(
      () => new Telephony(s, 'P', { ...base(), number: { countryCode: 'US', type: 'DID', prefix: '206' } }),
    ).toThrow(/prefix must look like "\+813"/);
    expect(
      () =>
        new Telephony(s, 'E1', {
          ...base(),
          number: { existingNumberArn: 'arn:aws:connect:ap-northeast-1:123456789012:instance/x/phone-number/y' },
        }),
    ).toThrow(/existingNumberArn must look like/);
    expect(
      () =>
        new Telephony(s, 'E2', {
          ...base(),
          number: { existingNumberArn: 'arn:aws:connect:us-east-1:123456789012:phone-number/y' },
        }),
    ).toThrow(/region us-east-1, the stack in ap-northeast-1/);
    const t = new Telephony(s, 'E3', {
      ...base(),
      number: { existingNumberArn: 'arn:aws:connect:ap-northeast-1:123456789012:phone-number/y' },
    });
    t.associate('arn:aws:connect:ap-northeast-1:123456789012:instance/i/contact-flow/f');
    expect(() => t.associate('arn:aws:connect:ap-northeast-1:123456789012:instance/i/contact-flow/g')).toThrow(
      /already associated/,
    );
  });

  test('Telephony: claiming a JP number warns (the claim needs an AWS support case)', () => {
    const t = new Telephony(s, 'JP', { ...base(), number: { countryCode: 'JP', type: 'DID' } });
    const warnings = t.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('support case') && w.includes('existingNumberArn'))).toBe(true);
  });

  test('ConnectRouting: caller ID name longer than 255 characters', () => {
    const props = { ...routing, outboundCaller: { numberArn: 'arn', name: 'x'.repeat(256) } };
    expect(() => new ConnectRouting(s, 'R4', props)).toThrow(/outboundCaller.name must be 1–255/);
  });

  function base() {
    return { instanceArn: 'arn', instanceId: 'id', encryptionKey: key, logRetentionDays: 30 };
  }
});
