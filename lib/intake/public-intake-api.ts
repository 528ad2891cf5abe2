import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** WAF rate-based rules count requests over one of these windows (seconds). */
export const RATE_WINDOWS = [60, 120, 300, 600] as const;
export type RateWindowSeconds = (typeof RATE_WINDOWS)[number];

/** What a client over a limit reads (WAF's per-client rule and the stage throttle alike), Japanese first. */
const TOO_MANY_REQUESTS_BODY = JSON.stringify({
  error: 'TooManyRequests',
  message: 'リクエストが多すぎます。しばらくしてからもう一度お試しください。 Too many requests: please retry later.',
});

export interface PublicIntakeApiProps {
  readonly encryptionKey: kms.IKey;
  /** config.retention.logDays */
  readonly logRetentionDays: number;
  /**
   * Stage throttle: the global cap of each route, all clients together (requests per second, burst).
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Per-client cap: a source IP address that sends more than `requests` within `windowSeconds` is
   * answered 429 by AWS WAF until its rate falls below the limit again.
   * @default { requests: 100, windowSeconds: 300 }
   */
  readonly perClientLimit?: { readonly requests: number; readonly windowSeconds: RateWindowSeconds };
  /**
   * Web origins (https) that may call the routes from a browser: answered CORS preflights here;
   * the functions add the response headers (a proxy integration passes responses through as they are).
   * @default - none: no preflight is answered
   */
  readonly approvedOrigins?: string[];
}

/**
 * The public front of the web intake (`POST /chat`, `POST /inquiries`): an API Gateway REST API
 * (regional) with an AWS WAF web ACL on its stage.
 *
 * Why not the HTTP API the rest of the intake uses: an HTTP API cannot be associated with a web ACL,
 * so it has no per-client limit, only a stage throttle that one client can use up for everyone.
 * CloudFront + WAF in front of the HTTP API would need the web ACL in us-east-1 (CLOUDFRONT scope),
 * a second stack or a cross-region custom resource for a stack that lives in ap-northeast-1, and the
 * HTTP API's own execute-api URL would stay open beside the distribution, reachable without WAF. A
 * REGIONAL web ACL on a REST API stage lives in the stack's region and every request passes it.
 * docs/intake.md ("Public front: per-client rate limits") gives the whole comparison.
 *
 * Every route added with {@link addRoute} is behind the web ACL (a rate-based rule keyed on the
 * source IP) and the stage throttle (the global cap), requires a Content-Type header, and logs
 * access to a KMS-encrypted log group.
 */
export class PublicIntakeApi extends Construct {
  public readonly api: apigw.RestApi;
  public readonly webAcl: wafv2.CfnWebACL;
  /** The name of the rate-based rule (WAF metrics `BlockedRequests` by `Rule`). */
  public readonly rateRuleName = 'PerClientRateLimit';
  /** Base URL of the public routes, e.g. `https://abc.execute-api.ap-northeast-1.amazonaws.com/v1/`. */
  public readonly url: string;
  private readonly validator: apigw.RequestValidator;
  private readonly jsonObject: apigw.Model;

  constructor(scope: Construct, id: string, props: PublicIntakeApiProps) {
    super(scope, id);
    const throttling = props.throttling ?? { rateLimit: 10, burstLimit: 20 };
    if (throttling.rateLimit <= 0 || throttling.burstLimit <= 0 || !Number.isInteger(throttling.burstLimit)) {
      throw new Error(`PublicIntakeApi ${id}: throttling.rateLimit must be positive and burstLimit a positive integer`);
    }
    const perClient = props.perClientLimit ?? { requests: 100, windowSeconds: 300 };
    if (!Number.isInteger(perClient.requests) || perClient.requests < 10) {
      throw new Error(`PublicIntakeApi ${id}: perClientLimit.requests must be a whole number ≥ 10 (AWS WAF minimum)`);
    }
    if (!(RATE_WINDOWS as readonly number[]).includes(perClient.windowSeconds)) {
      throw new Error(`PublicIntakeApi ${id}: perClientLimit.windowSeconds must be one of ${RATE_WINDOWS.join(', ')}`);
    }
    const origins = props.approvedOrigins ?? [];

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      description: 'Contact center public intake: web chat and contact form (AWS WAF per-client limit)',
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // The account-wide API Gateway logging role is an account setting; this stack does not take it over.
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'v1',
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        tracingEnabled: true,
      },
      ...(origins.length > 0
        ? {
            defaultCorsPreflightOptions: {
              allowOrigins: origins,
              allowMethods: ['POST', 'OPTIONS'],
              // Idempotency-Key makes POST /chat and POST /inquiries safe to retry (docs/intake.md).
              allowHeaders: ['content-type', 'idempotency-key'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.url = this.api.url;
    // Checked by API Gateway before a function runs: a Content-Type header, and a JSON body that is
    // an object. The function still validates every field (zod); these only turn away junk early.
    this.validator = this.api.addRequestValidator('RequestValidator', {
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    this.jsonObject = this.api.addModel('JsonObject', {
      contentType: 'application/json',
      modelName: 'JsonObject',
      schema: { schema: apigw.JsonSchemaVersion.DRAFT4, title: 'JsonObject', type: apigw.JsonSchemaType.OBJECT },
    });
    // Gateway answers in the functions' own shape (lambdas/shared/intake/http.ts), naming the field.
    const badRequest = (field: string, reason: string) =>
      JSON.stringify({ error: 'BadRequest', message: 'The request is invalid.', issues: [{ field, reason }] });
    this.api.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: {
        'application/json': badRequest('body', 'expected a JSON object'),
      },
    });
    this.api.addGatewayResponse('BadRequestParameters', {
      type: apigw.ResponseType.BAD_REQUEST_PARAMETERS,
      statusCode: '400',
      templates: { 'application/json': badRequest('content-type', 'is required (application/json)') },
    });
    this.api.addGatewayResponse('Throttled', {
      type: apigw.ResponseType.THROTTLED,
      statusCode: '429',
      templates: { 'application/json': TOO_MANY_REQUESTS_BODY },
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the region-wide API Gateway CloudWatch role (an account setting shared with every other API, which this stack does not take over); access logging to a KMS-encrypted log group is on, and AWS WAF metrics count blocked requests.',
    });

    // A source IP over its limit is blocked with a 429 and a bilingual JSON body, until its rate in
    // the sliding window falls below the limit again.
    const tooManyRequests = 'too-many-requests';
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Per-client rate limit of the public intake',
      defaultAction: { allow: {} },
      customResponseBodies: {
        [tooManyRequests]: {
          contentType: 'APPLICATION_JSON',
          content: TOO_MANY_REQUESTS_BODY,
        },
      },
      rules: [
        {
          name: this.rateRuleName,
          priority: 0,
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: perClient.requests,
              evaluationWindowSec: perClient.windowSeconds,
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: tooManyRequests,
                responseHeaders: [{ name: 'retry-after', value: String(perClient.windowSeconds) }],
              },
            },
          },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            metricName: this.rateRuleName,
            sampledRequestsEnabled: true,
          },
        },
      ],
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'PublicIntake',
        sampledRequestsEnabled: true,
      },
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }

  /**
   * `POST /<path>` to `fn` (Lambda proxy integration: the function receives API Gateway's payload
   * format 1.0, whose `headers`, `body` and `isBase64Encoded` are what the intake handlers read).
   */
  public addRoute(path: string, fn: lambda.IFunction): apigw.Method {
    const method = this.api.root.resourceForPath(path).addMethod(
      'POST',
      new apigw.LambdaIntegration(fn, {
        allowTestInvoke: false,
      }),
      {
        authorizationType: apigw.AuthorizationType.NONE,
        requestValidator: this.validator,
        requestModels: { 'application/json': this.jsonObject },
        // Rejected by API Gateway before the function runs; the function checks the value itself.
        requestParameters: { 'method.request.header.Content-Type': true },
      },
    );
    for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      Validations.of(method).acknowledge({
        id: rule,
        reason: `Public web ${path} endpoint for anonymous visitors: no caller identity exists to authorize; AWS WAF limits each source IP, the stage throttle caps the route, and the function validates every body (zod, 16 KB cap).`,
      });
    }
    return method;
  }
}
