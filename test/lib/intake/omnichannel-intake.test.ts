import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OmnichannelIntake, type OmnichannelIntakeProps } from '../../../lib/intake/omnichannel-intake';
import { testApp } from '../test-app';

const INSTANCE = 'arn:aws:connect:ap-northeast-1:123456789012:instance/11111111-2222-3333-4444-555555555555';

function build(overrides: Partial<OmnichannelIntakeProps> = {}) {
  const app = testApp({}, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'intake-')) });
  const stack = new Stack(app, 'IntakeStack', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const table = new dynamodb.TableV2(stack, 'Customers', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  });
  const vocQueue = new sqs.Queue(stack, 'Voc', { encryptionMasterKey: key, enforceSSL: true });
  const stream = new kinesis.Stream(stack, 'Ctr', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: key });
  // Stands for the stack's access log bucket (ContactStorage), which carries this acknowledgement there.
  const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
  });
  Validations.of(accessLogs).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'The access log target itself (test stand-in).',
  });
  const intake = new OmnichannelIntake(stack, 'Intake', {
    encryptionKey: key,
    logRetentionDays: 30,
    customerTable: table,
    vocQueue,
    instanceArn: INSTANCE,
    queueArns: { General: `${INSTANCE}/queue/general`, Priority: `${INSTANCE}/queue/priority` },
    businessHoursArn: `${INSTANCE}/operating-hours/bh`,
    operatingCalendarHoursArn: `${INSTANCE}/operating-hours/calendar`,
    ivrLookupFunctionArn: 'arn:aws:lambda:ap-northeast-1:123456789012:function:ivr-lookup',
    contactRecordStream: stream,
    approvedOrigins: ['https://www.example.com'],
    throttling: { rateLimit: 5, burstLimit: 10 },
    email: { domain: 'support.example.com', acknowledgementFrom: 'noreply@support.example.com' },
    accessLogsBucket: accessLogs,
    ...overrides,
  });
  return { app, stack, intake, template: Template.fromStack(stack) };
}

describe('OmnichannelIntake', () => {
  const { stack, intake, template } = build();

  test('creates the inbound chat flow with every placeholder filled', () => {
    const flows = template.findResources('AWS::Connect::ContactFlow');
    const [flow] = Object.values(flows);
    expect(flow?.Properties.Type).toBe('CONTACT_FLOW');
    const content = JSON.stringify(flow?.Properties.Content);
    expect(content).toContain(`${INSTANCE}/queue/priority`);
    expect(content).toContain(`${INSTANCE}/operating-hours/bh`);
    expect(content).not.toMatch(/\$\{(Queue|HoursOfOperation):/);
  });

  test('public routes sit behind the WAF-protected REST API, throttled and CORS-limited; history routes require IAM', () => {
    // The public front (lib/intake/public-intake-api.ts; its own tests cover WAF and throttling).
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      MethodSettings: Match.arrayWith([
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }),
      ]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    // POST /chat, /inquiries and (the email channel acknowledges, so codes can be sent) /identity/codes.
    for (const part of ['chat', 'inquiries', 'identity', 'codes']) {
      template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: part });
    }
    template.resourcePropertiesCountIs('AWS::ApiGateway::Method', { HttpMethod: 'POST', AuthorizationType: 'NONE' }, 3);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      Integration: Match.objectLike({
        IntegrationResponses: [
          Match.objectLike({
            ResponseParameters: Match.objectLike({
              'method.response.header.Access-Control-Allow-Origin': "'https://www.example.com'",
              'method.response.header.Access-Control-Allow-Headers': "'content-type,idempotency-key'",
            }),
          }),
        ],
      }),
    });
    // The functions echo an allowed origin themselves (proxy integration).
    for (const description of ['^POST /chat', '^POST /inquiries']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: { Variables: Match.objectLike({ ALLOWED_ORIGINS: 'https://www.example.com' }) },
      });
    }
    // The HTTP API keeps only the IAM-authorized history routes.
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) =>
        `${(r as { Properties: { RouteKey: string; AuthorizationType: string } }).Properties.RouteKey} ${(r as { Properties: { AuthorizationType: string } }).Properties.AuthorizationType}`,
    );
    expect(routes.sort()).toEqual([
      'GET /customers AWS_IAM',
      'GET /customers/{id}/timeline AWS_IAM',
      'GET /timeline AWS_IAM',
    ]);
    template.hasResourceProperties('AWS::Connect::ApprovedOrigin', { Origin: 'https://www.example.com' });
  });

  test('chat and task starts are allowed on the instance and the chat flow only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'connect:StartChatContact',
            Resource: Match.arrayWith([INSTANCE, `${INSTANCE}/contact/*`]),
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^POST /chat'),
      Environment: {
        Variables: Match.objectLike({ CHAT_FLOW_ID: Match.anyValue(), CONNECT_INSTANCE_ID: Match.anyValue() }),
      },
    });
  });

  test('email-intake reads raw mail with s3:GetObject on inbound/ only: no List, no GetBucket, no GetObject*', () => {
    const roleId = stack.getLogicalId(intake.emailIntake!.role!.node.defaultChild as import('aws-cdk-lib').CfnResource);
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId),
    );
    const s3Statements = policies
      .flatMap(
        (p) =>
          (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties
            .PolicyDocument.Statement,
      )
      .filter((st) => JSON.stringify(st.Action).includes('s3:'));
    expect(s3Statements).toHaveLength(1);
    expect(s3Statements[0]!.Action).toBe('s3:GetObject');
    expect(JSON.stringify(s3Statements[0]!.Resource)).toContain('/inbound/*');
  });

  test('identity-token key: a generated secret under the project key, readable by chat and inquiry intake only', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
    const secretRef = stack.resolve(intake.identityTokenKey.secretArn);
    const roleOf = (fn: { role?: unknown }) => stack.resolve((fn.role as { roleName: string }).roleName);
    const policies = template.findResources('AWS::IAM::Policy');
    const readers = Object.values(policies)
      .filter((p) =>
        (p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>).some(
          (st) =>
            JSON.stringify(st.Action).includes('secretsmanager:GetSecretValue') &&
            JSON.stringify(st.Resource) === JSON.stringify(secretRef),
        ),
      )
      .flatMap((p) => p.Properties.Roles as unknown[]);
    expect(readers.map((r) => JSON.stringify(r)).sort()).toEqual(
      [roleOf(intake.chatIntake), roleOf(intake.inquiryIntake)].map((r) => JSON.stringify(r)).sort(),
    );
    for (const description of ['^POST /chat', '^POST /inquiries']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp(description),
        Environment: { Variables: Match.objectLike({ IDENTITY_TOKEN_SECRET_ARN: secretRef }) },
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Agents history API'),
      Environment: { Variables: Match.not(Match.objectLike({ IDENTITY_TOKEN_SECRET_ARN: Match.anyValue() })) },
    });
  });

  test('one-time codes: POST /identity/codes on a function that may send only from the email domain', () => {
    // A public route: on the WAF-protected REST API, not the HTTP API.
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'codes' });
    expect(JSON.stringify(template.findResources('AWS::ApiGatewayV2::Route'))).not.toContain('identity/codes');
    const fn = intake.identityCodes!;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^POST /identity/codes'),
      Environment: { Variables: Match.objectLike({ CODE_FROM_ADDRESS: 'noreply@support.example.com' }) },
    });
    const roleName = JSON.stringify(stack.resolve(fn.role!.roleName));
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === `[${roleName}]`)
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>);
    const ses = statements.filter((st) => JSON.stringify(st.Action).includes('ses:'));
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({ Action: 'ses:SendEmail' });
    expect(JSON.stringify(ses[0]!.Resource)).toContain(':ses:ap-northeast-1:123456789012:identity/support.example.com');
    expect(JSON.stringify(statements)).not.toContain('secretsmanager');
  });

  test('email: SES rule with scanning stores raw mail in an encrypted bucket, SQS with DLQ feeds the function', () => {
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({
        Recipients: ['support.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [{ S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) }],
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 5,
    });
    const sendEmail = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((st) => st.Action === 'ses:SendEmail');
    // Two senders: acknowledgements (email-intake) and one-time codes (identity-codes), both from the domain only.
    expect(sendEmail).toHaveLength(2);
    expect(JSON.stringify(sendEmail[1]?.Resource)).toBe(JSON.stringify(sendEmail[0]?.Resource));
    expect(JSON.stringify(sendEmail[0]?.Resource)).toContain(
      ':ses:ap-northeast-1:123456789012:identity/support.example.com',
    );
    expect(intake.emailIntake).toBeDefined();
  });

  test('email: a custom resource activates the rule set after the rule, bucket policy and key', () => {
    const [ruleSetId] = Object.keys(template.findResources('AWS::SES::ReceiptRuleSet'));
    const [ruleId] = Object.keys(template.findResources('AWS::SES::ReceiptRule'));
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    const [bucketPolicyId] = Object.keys(template.findResources('AWS::S3::BucketPolicy', {})).filter((id) =>
      id.startsWith('IntakeRawMail'),
    );
    const activations = template.findResources('Custom::SesActiveReceiptRuleSet');
    expect(Object.keys(activations)).toHaveLength(1);
    const [activation] = Object.values(activations);
    const create = JSON.stringify(activation?.Properties.Create);
    expect(create).toContain('"service\\":\\"SES\\"');
    expect(create).toContain('SetActiveReceiptRuleSet');
    expect(create).toContain('RuleSetName');
    expect(create).toContain(JSON.stringify({ Ref: ruleSetId }).slice(1, -1));
    expect(JSON.stringify(activation?.Properties.Update)).toContain('SetActiveReceiptRuleSet');
    expect(ruleSetId && ruleId && bucketPolicyId && keyId).toBeTruthy();
    // Delete deactivates (no RuleSetName), so CloudFormation can then delete the rule set.
    const del = JSON.stringify(activation?.Properties.Delete);
    expect(del).toContain('SetActiveReceiptRuleSet');
    expect(del).not.toContain('RuleSetName');
    expect(activation?.DependsOn).toEqual(expect.arrayContaining([ruleId, bucketPolicyId, keyId]));
    // Narrow role: only SetActiveReceiptRuleSet (no resource-level permissions) besides its log group.
    const rolePolicies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('ses:SetActiveReceiptRuleSet'),
    );
    expect(rolePolicies).toHaveLength(1);
    const statements = (rolePolicies[0]?.Properties.PolicyDocument.Statement ?? []) as Array<{ Action: unknown }>;
    const sesActions = statements.flatMap((st) => st.Action).filter((a) => String(a).startsWith('ses:'));
    expect(sesActions).toEqual(['ses:SetActiveReceiptRuleSet']);
    const roles = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: { Description: Match.stringLikeRegexp('receipt rule set') },
      }),
    );
    expect(roles).toHaveLength(1);
    expect(roles[0]?.Properties.ManagedPolicyArns).toBeUndefined();
    expect(intake.ruleSetActivation).toBeDefined();
  });

  test('email: activateRuleSet false creates the rule set and rule but activates nothing', () => {
    const { template: t, intake: i } = build({
      email: { domain: 'support.example.com', activateRuleSet: false },
    });
    t.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    t.resourceCountIs('AWS::SES::ReceiptRule', 1);
    t.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
    expect(i.ruleSetActivation).toBeUndefined();
  });

  test('contact records: Kinesis source with partial failures, bisect and an on-failure DLQ', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
    // Dead-letter alarms are the operations dashboard's (test/lib/operations-dashboard.test.ts).
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  test('cdk-nag: every finding of the construct (and the bucket notification handler it adds) is acknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations
      .filter((v) =>
        v.violatingResources.some((r) =>
          /^IntakeStack\/(Intake|BucketNotificationsHandler)/.test(r.constructPath ?? ''),
        ),
      )
      .map((v) => v.ruleName);
    expect(findings).toEqual([]);
  });

  test('rejects invalid props at synth with a clear error', () => {
    expect(() => build({ approvedOrigins: ['http://insecure.example.com'] })).toThrow(/must be an https origin/);
    expect(() => build({ throttling: { rateLimit: 0, burstLimit: 1 } })).toThrow(/must be positive/);
    expect(() => build({ email: { domain: 'a.example', acknowledgementFrom: 'x@b.example' } })).toThrow(
      /acknowledgementFrom must be an address of a.example/,
    );
  });

  test('without email or a record stream, only chat, web form and history are built', () => {
    const { template: t } = build({ email: undefined, contactRecordStream: undefined, approvedOrigins: [] });
    t.resourceCountIs('AWS::SES::ReceiptRule', 0);
    t.resourceCountIs('Custom::SesActiveReceiptRuleSet', 0);
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
    t.resourceCountIs('AWS::Connect::ApprovedOrigin', 0);
  });
});
