import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../bin/app';
import { ProjectFunction } from '../../lib/constructs/project-function';
import { ResourcelessGrant } from '../../lib/constructs/resourceless-grant';
import { testApp } from './test-app';

function findings(scope: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  return report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
}

function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );
}

// The app exactly as bin/app.ts builds it (plugin included), with agents so secrets are covered
// and a phone number so its flow association is.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
const app = buildApp(
  testApp(
    {
      contactCenter: {
        alarmEmail: 'oncall@example.com',
        agents: [{ username: 'sato', firstName: '花子', lastName: '佐藤', email: 'sato@example.com' }],
        // The number is off by default; an existing one covers the association custom resource.
        phoneNumber: {
          enabled: true,
          existingNumberArn:
            'arn:aws:connect:ap-northeast-1:123456789012:phone-number/0b9f6a3e-1111-4c2d-9e8f-5a6b7c8d9e0f',
        },
      },
    },
    { outdir },
  ),
);

describe('cdk-nag AwsSolutions', () => {
  test('the app has zero unacknowledged findings', () => {
    expect(findings(app)).toEqual([]);
  });

  test('synthesis with the plugin registered succeeds and writes a clean report', () => {
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { violations: unknown[]; suppressedViolations?: { acknowledgedId: string }[] }[];
    };
    // Only acknowledged findings may be listed (CDK's CloudFormation validator reports them as suppressed).
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
    for (const r of report.pluginReports) {
      for (const v of r.suppressedViolations ?? []) {
        expect(['CloudFormation-Validate::F3006', 'CloudFormation-Validate::F3031']).toContain(v.acknowledgedId);
      }
    }
  });

  test('every acknowledgement names one rule on one resource and says why', () => {
    const acks = acknowledgements(app);
    // The review list: a new acknowledgement must be added here on purpose, with its reason in the code.
    expect(acks.map((a) => `${a.id.replace(/^annotation::/i, '')} @ ${a.path}`).sort()).toEqual([
      'AwsSolutions-APIG4 @ ContactCenter/Intake/PublicApi/Api/Default/chat/POST',
      'AwsSolutions-APIG4 @ ContactCenter/Intake/PublicApi/Api/Default/inquiries/POST',
      'AwsSolutions-APIG6 @ ContactCenter/Intake/PublicApi/Api/DeploymentStage.v1',
      'AwsSolutions-CFR2 @ ContactCenter/AgentApp/Hosting/Distribution',
      'AwsSolutions-CFR3 @ ContactCenter/AgentApp/Hosting/Distribution',
      'AwsSolutions-CFR4 @ ContactCenter/AgentApp/Hosting/Distribution',
      'AwsSolutions-COG4 @ ContactCenter/Intake/PublicApi/Api/Default/chat/POST',
      'AwsSolutions-COG4 @ ContactCenter/Intake/PublicApi/Api/Default/inquiries/POST',
      'AwsSolutions-COG8 @ ContactCenter/AgentApp/Directory/UserPool',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ ContactCenter/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/AgentApp/Api/AgentApiFunctionServiceRole',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/Intake/ChatIntakeServiceRole',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/Intake/CtrProcessorServiceRole',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/Intake/InquiryIntakeServiceRole',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*] @ ContactCenter/Voc/AnalyzerServiceRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/AgentApp/Api/AgentApiFunctionServiceRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/Intake/ChatIntakeServiceRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/Intake/CtrProcessorServiceRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/Intake/InquiryIntakeServiceRole',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*] @ ContactCenter/Voc/AnalyzerServiceRole',
      'AwsSolutions-IAM5[Action::s3:Abort*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::s3:GetBucket*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::s3:GetObject*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Action::s3:List*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/AgentApp/Api/AgentApiFunction/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Intake/ChatIntake/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Intake/CtrProcessor/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Intake/HistoryApi/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Intake/InquiryIntake/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Voc/Analyzer/TracingPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/Voc/AnalyzerComprehendPolicy',
      'AwsSolutions-IAM5[Resource::*] @ ContactCenter/VoiceIvr/IvrLookupFunction/TracingPolicy',
      'AwsSolutions-IAM5[Resource::<AgentAppHostingBucket4DC11ACD.Arn>/*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-IAM5[Resource::<ConnectInstanceA41B2DEB.Arn>/contact/*] @ ContactCenter/Intake/ChatIntakeServiceRole',
      'AwsSolutions-IAM5[Resource::<ConnectInstanceA41B2DEB.Arn>/contact/*] @ ContactCenter/Intake/InquiryIntakeServiceRole',
      'AwsSolutions-IAM5[Resource::<ContactStorageRecordings21EF2AC4.Arn>/Analysis/Voice/*] @ ContactCenter/Voc/AnalyzerServiceRole',
      'AwsSolutions-IAM5[Resource::<ContactStorageRecordings21EF2AC4.Arn>/connect/chat-transcripts/*] @ ContactCenter/Voc/AnalyzerServiceRole',
      'AwsSolutions-IAM5[Resource::<VocLake3C6974F8.Arn>/errors/*] @ ContactCenter/Voc/FirehoseRole',
      'AwsSolutions-IAM5[Resource::<VocLake3C6974F8.Arn>/voc/*] @ ContactCenter/Voc/FirehoseRole',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-ap-northeast-1/*] @ ContactCenter/AgentApp/Hosting/DeploymentRole',
      'AwsSolutions-KDS3 @ ContactCenter/ContactStorage/ContactTraceRecords',
      'AwsSolutions-L1 @ ContactCenter/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB',
      'AwsSolutions-S1 @ ContactCenter/ContactStorage/AccessLogs',
      'AwsSolutions-SMG4 @ ContactCenter/Agents/Passwordsato',
      'AwsSolutions-SMG4 @ ContactCenter/Intake/IdentityTokenKey',
      'AwsSolutions-SMG4 @ ContactCenter/Voc/DigestKey',
      'AwsSolutions-SQS3 @ ContactCenter/Intake/CtrDlq',
      'CloudFormation-Validate::F3006 @ ContactCenter/VoiceIvr/Flows/CustomerQueueVersion',
      'CloudFormation-Validate::F3006 @ ContactCenter/VoiceIvr/Flows/InboundVoiceVersion',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callerafterhours',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callerafterhourscallback',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callergreetingbyname',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callerinquirystatus',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callermenulanguage',
      'CloudFormation-Validate::F3031 @ ContactCenter/VoiceIvr/TestCases/Callerroutingplatinum',
    ]);
    for (const a of acks) {
      expect(a.path).not.toBe('ContactCenter');
      expect(a.reason.length).toBeGreaterThan(40);
    }
  });

  test('Resource "*" is acknowledged only on policies that hold nothing but actions AWS lists without a resource type', () => {
    const wildcardAcks = acknowledgements(app).filter((a) =>
      a.id.replace(/^annotation::/i, '').endsWith('[Resource::*]'),
    );
    expect(wildcardAcks.length).toBeGreaterThan(0);
    for (const a of wildcardAcks) {
      const policy = app.node.findAll().find((c) => c.node.path === a.path);
      expect(policy).toBeInstanceOf(ResourcelessGrant);
      const grant = policy as ResourcelessGrant;
      // The reason names every action it covers, and where AWS says it has no resource type.
      for (const action of grant.actions) expect(a.reason).toContain(action);
      expect(a.reason).toContain('https://docs.aws.amazon.com/service-authorization/');
      expect(JSON.stringify(Stack.of(grant).resolve(grant.document))).not.toMatch(/dynamodb|s3:|kms:|sqs:/);
    }
  });
  test('the check is not vacuous: an unencrypted, unlogged bucket is reported', () => {
    const scratch = testApp({}, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-scratch-')) });
    const stack = new Stack(scratch, 'Scratch');
    new s3.Bucket(stack, 'Plain');
    const found = findings(scratch);
    expect(found).toContain('AwsSolutions-S1 at Scratch/Plain/Resource');
    expect(found).toContain('AwsSolutions-S10 at Scratch/Plain/Resource');
    // …and with the plugin registered, synthesis fails on it.
    Validations.of(scratch).addPlugins(new AwsSolutionsChecks(scratch));
    expect(() => scratch.synth()).toThrow(/AwsSolutions-S10/);
  });
});

describe('least privilege that can fail', () => {
  // The app as bin/app.ts builds it, without bundling (the Lambda code plays no part in IAM).
  const built = () =>
    buildApp(
      testApp(
        {
          'aws:cdk:bundling-stacks': [],
          contactCenter: { intake: { email: { domain: 'support.example.com' } } },
        },
        { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'nag-lp-')) },
      ),
    );
  const functionsOf = (scope: IConstruct) =>
    scope.node.findAll().filter((c): c is ProjectFunction => c instanceof ProjectFunction);

  test('dynamodb:DeleteTable on "*" added to any function is a finding on that function’s policy', () => {
    const lp = built();
    const fns = functionsOf(lp);
    // ivr-lookup, chat, inquiry, history, contact records, email, VOC analyzer, agent API.
    expect(fns.map((f) => f.node.id).sort()).toEqual([
      'AgentApiFunction',
      'Analyzer',
      'ChatIntake',
      'CtrProcessor',
      'EmailIntake',
      'HistoryApi',
      'InquiryIntake',
      'IvrLookupFunction',
    ]);
    expect(findings(lp)).toEqual([]);
    for (const fn of fns) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DeleteTable'], resources: ['*'] }));
    }
    // With email on, the SES rule set activation's Resource "*" is a ResourcelessGrant of its own too.
    const wildcardAckPaths = acknowledgements(lp)
      .filter((a) => a.id.replace(/^annotation::/i, '').endsWith('[Resource::*]'))
      .map((a) => a.path);
    expect(wildcardAckPaths).toContain('ContactCenter/Intake/RuleSetActivationPolicy');
    for (const p of wildcardAckPaths) {
      expect(lp.node.findAll().find((c) => c.node.path === p)).toBeInstanceOf(ResourcelessGrant);
    }
    const found = findings(lp);
    for (const fn of fns) {
      expect(found).toContain(`AwsSolutions-IAM5[Resource::*] at ${fn.role!.node.path}/DefaultPolicy/Resource`);
    }
  });

  test('…and synthesis fails on it', () => {
    const lp = built();
    const ivr = functionsOf(lp).find((f) => f.node.id === 'IvrLookupFunction')!;
    ivr.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DeleteTable'], resources: ['*'] }));
    expect(() => lp.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  test('…and so does a broad grant on the agent API function (it serves every signed-in agent)', () => {
    const lp = built();
    const agentApi = functionsOf(lp).find((f) => f.node.id === 'AgentApiFunction')!;
    agentApi.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    expect(() => lp.synth()).toThrow(/AwsSolutions-IAM5\[Action::dynamodb:\*\]|AwsSolutions-IAM5\[Resource::\*\]/);
  });

  test('the acknowledged policy itself refuses a statement beyond its actions', () => {
    const lp = built();
    const tracing = lp.node.findAll().find((c) => c.node.path.endsWith('IvrLookupFunction/TracingPolicy'));
    expect(tracing).toBeInstanceOf(ResourcelessGrant);
    (tracing as ResourcelessGrant).addStatements(
      new iam.PolicyStatement({ actions: ['dynamodb:DeleteTable'], resources: ['*'] }),
    );
    expect(() => lp.synth()).toThrow(/only actions that exist on Resource "\*" alone may be granted here/);
  });
});
