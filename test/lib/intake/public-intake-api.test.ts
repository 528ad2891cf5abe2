import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp, stackNameFor } from '../../../bin/app';
import { ConfigError, parseConfig } from '../../../lib/config';
import { PublicIntakeApi, type PublicIntakeApiProps } from '../../../lib/intake/public-intake-api';
import { testApp } from '../test-app';

/** The public intake front: REST API + AWS WAF per-client rate limit, stage throttle as the global cap. */

function build(props: Partial<PublicIntakeApiProps> = {}) {
  const stack = new Stack(new App(), 'FrontStack', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200, body: "{}" })'),
  });
  const front = new PublicIntakeApi(stack, 'Front', { encryptionKey: key, logRetentionDays: 30, ...props });
  front.addRoute('chat', fn);
  return { stack, front, template: Template.fromStack(stack) };
}

describe('PublicIntakeApi', () => {
  const { stack, front, template } = build({
    throttling: { rateLimit: 5, burstLimit: 10 },
    perClientLimit: { requests: 50, windowSeconds: 120 },
    approvedOrigins: ['https://www.example.co.jp'],
  });
  const webAclId = stack.getLogicalId(front.webAcl);

  test('a REGIONAL web ACL blocks a source IP over its limit with 429, a Retry-After and a bilingual JSON body', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        {
          Name: 'PerClientRateLimit',
          Priority: 0,
          Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 50, EvaluationWindowSec: 120 } },
          Action: {
            Block: {
              CustomResponse: {
                ResponseCode: 429,
                CustomResponseBodyKey: 'too-many-requests',
                ResponseHeaders: [{ Name: 'retry-after', Value: '120' }],
              },
            },
          },
          VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true, MetricName: 'PerClientRateLimit' }),
        },
      ],
      CustomResponseBodies: {
        'too-many-requests': {
          ContentType: 'APPLICATION_JSON',
          Content: Match.stringLikeRegexp('リクエストが多すぎます'),
        },
      },
    });
    const body = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0] as {
      Properties: { CustomResponseBodies: Record<string, { Content: string }> };
    };
    expect(JSON.parse(body.Properties.CustomResponseBodies['too-many-requests']!.Content)).toEqual({
      error: 'TooManyRequests',
      message: expect.stringContaining('Too many requests'),
    });
  });

  test('the web ACL is associated with the API’s stage, so every request passes it', () => {
    const stageId = stack.getLogicalId(
      front.api.deploymentStage.node.defaultChild as import('aws-cdk-lib').CfnResource,
    );
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [webAclId, 'Arn'] },
      ResourceArn: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/restapis/'), { Ref: stageId }])],
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  test('the stage throttle stays the global cap, with access logs to an encrypted log group and tracing', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }),
      ],
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30, KmsKeyId: Match.anyValue() });
    template.resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('API Gateway turns away a request without Content-Type or with a body that is not a JSON object', () => {
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({ type: 'object' }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
      RequestParameters: { 'method.request.header.Content-Type': true },
      RequestModels: { 'application/json': Match.anyValue() },
      Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
    });
    for (const [type, status, field] of [
      ['BAD_REQUEST_BODY', '400', 'body'],
      ['BAD_REQUEST_PARAMETERS', '400', 'content-type'],
    ]) {
      const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')) as {
        Properties: { ResponseType: string; StatusCode: string; ResponseTemplates: Record<string, string> };
      }[];
      const r = responses.find((x) => x.Properties.ResponseType === type);
      expect(r?.Properties.StatusCode).toBe(status);
      expect(JSON.parse(r!.Properties.ResponseTemplates['application/json']!)).toMatchObject({
        error: 'BadRequest',
        issues: [{ field }],
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
    });
  });

  test('cdk-nag: request validation, access logs and WAF are satisfied; what remains is acknowledged per rule', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.filter((r) => r.constructPath?.startsWith('FrontStack/Front/')).map(() => v.ruleName),
    );
    expect(findings).toEqual([]);
  });

  test('without the web ACL association cdk-nag reports the stage (the check is not vacuous)', () => {
    const { stack: bare, front: bareFront } = build();
    bareFront.node.tryRemoveChild('WebAclAssociation');
    const report = new AwsSolutionsChecks().validateScope(bare);
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-APIG3');
  });

  test('defaults: 100 requests per 5 minutes per client, 10/s (burst 20) per route', () => {
    const { template: t } = build();
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: [
        Match.objectLike({
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 100, EvaluationWindowSec: 300 }) },
        }),
      ],
    });
    t.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 })],
    });
  });

  test('limits WAF cannot enforce are refused at synth', () => {
    expect(() => build({ perClientLimit: { requests: 5, windowSeconds: 300 } })).toThrow(
      /requests must be a whole number ≥ 10/,
    );
    expect(() => build({ perClientLimit: { requests: 100, windowSeconds: 90 as 60 } })).toThrow(
      /windowSeconds must be one of 60, 120, 300, 600/,
    );
  });
});

describe('config.intake.perClientRateLimit', () => {
  const issuesOf = (raw: unknown): string[] => {
    try {
      parseConfig(raw);
    } catch (e) {
      if (e instanceof ConfigError) return e.issues;
      throw e;
    }
    throw new Error('expected a ConfigError');
  };

  test('defaults to 100 requests per 300 s; bad values name the key', () => {
    expect(parseConfig({}).intake.perClientRateLimit).toEqual({ requests: 100, windowSeconds: 300 });
    expect(parseConfig({ intake: { perClientRateLimit: { requests: 30 } } }).intake.perClientRateLimit).toEqual({
      requests: 30,
      windowSeconds: 300,
    });
    expect(issuesOf({ intake: { perClientRateLimit: { requests: 9 } } })).toEqual([
      'contactCenter.intake.perClientRateLimit.requests: Too small: expected number to be >=10',
    ]);
    expect(issuesOf({ intake: { perClientRateLimit: { windowSeconds: 30 } } })).toEqual([
      'contactCenter.intake.perClientRateLimit.windowSeconds: expected 60, 120, 300 or 600 (the windows AWS WAF rate-based rules support)',
    ]);
  });

  test('reaches the stack’s web ACL', () => {
    const app = buildApp(
      testApp(
        {
          'aws:cdk:bundling-stacks': [],
          contactCenter: { intake: { perClientRateLimit: { requests: 40, windowSeconds: 60 } } },
        },
        { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'front-')) },
      ),
    );
    const t = Template.fromStack(app.node.findChild(stackNameFor(undefined)) as Stack);
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: [
        Match.objectLike({
          Statement: { RateBasedStatement: Match.objectLike({ Limit: 40, EvaluationWindowSec: 60 }) },
        }),
      ],
    });
    t.hasOutput('PublicIntakeUrl', Match.anyValue());
  });
});
