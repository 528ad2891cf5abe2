import { Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Disposition } from '../../lambdas/shared/agent/contract';
import { AGENT_DISPOSITIONS_ENV } from '../../lambdas/shared/agent/dispositions';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import { ProjectFunction } from '../constructs/project-function';

/** Where the agent API lives on the app's origin: CloudFront sends `/api/*` to this API unchanged. */
export const AGENT_API_BASE = '/api';

/** The function's handler (written by lambdas/agent-api). */
export const AGENT_API_ENTRY = 'lambdas/agent-api/handler.ts';

export interface AgentApiProps {
  /** The pool whose tokens the API accepts (issuer). */
  readonly userPool: cognito.IUserPool;
  /** The app's client: the tokens' audience (`aud` of ID tokens, `client_id` of access tokens). */
  readonly userPoolClient: cognito.IUserPoolClient;
  /** The customer table: histories are read, wrap-ups, statuses, links and the access trail written. */
  readonly customerTable: dynamodb.ITableV2;
  readonly encryptionKey: kms.IKey;
  /** config.retention.logDays */
  readonly logRetentionDays: number;
  /** ISO 3166 country of national phone numbers (config.defaultCountry). */
  readonly defaultCountry: string;
  /** IANA time zone of the center (config.timeZone). */
  readonly timeZone: string;
  /** Wrap-up outcomes (config.agentApp.dispositions). */
  readonly dispositions: readonly Disposition[];
  /**
   * Stage throttle, all agents together.
   * @default { rateLimit: 20, burstLimit: 40 }
   */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
}

/**
 * The agent API: an API Gateway HTTP API whose every route needs a Cognito JWT of the agent app's
 * client (the authorizer is the API's default; no route is anonymous), proxying `ANY /api/{proxy+}` to
 * one function that routes by path (lambdas/shared/agent/contract.ts). Stage throttle and a
 * KMS-encrypted access log that names the caller (`sub` of the token) for every request.
 */
export class AgentApi extends Construct {
  public readonly api: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly authorizer: HttpUserPoolAuthorizer;
  public readonly handler: ProjectFunction;
  /** The API's host name (`<id>.execute-api.<region>.amazonaws.com`): CloudFront's origin for `/api/*`. */
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: AgentApiProps) {
    super(scope, id);
    const throttling = props.throttling ?? { rateLimit: 20, burstLimit: 40 };
    if (throttling.rateLimit <= 0 || throttling.burstLimit <= 0 || !Number.isInteger(throttling.burstLimit)) {
      throw new Error(`AgentApi ${id}: throttling.rateLimit must be positive and burstLimit a positive integer`);
    }
    if (props.dispositions.length === 0) throw new Error(`AgentApi ${id}: at least one disposition is required`);

    this.handler = new ProjectFunction(this, 'AgentApiFunction', {
      entry: AGENT_API_ENTRY,
      description: 'Agent API: customer card, history, search, wrap-up, inquiry status, claimed-contact links',
      encryptionKey: props.encryptionKey,
      logRetentionDays: props.logRetentionDays,
      environment: {
        DEFAULT_COUNTRY: props.defaultCountry,
        TIME_ZONE: props.timeZone,
        [AGENT_DISPOSITIONS_ENV]: JSON.stringify(props.dispositions),
      },
    });
    // Read and write: wrap-ups, inquiry status, links and the access trail of every history read.
    this.handler.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
    for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
      Validations.of(this.handler.role!).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'Added by grantReadWriteData for the project KMS key of the customer table; the resource is that one key.',
      });
    }

    this.authorizer = new HttpUserPoolAuthorizer('AgentJwt', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Contact center agent API (Cognito JWT of the agent app)',
      createDefaultStage: false,
      // Every route, including any added later, needs a token unless it names another authorizer.
      defaultAuthorizer: this.authorizer,
    });
    this.api.addRoutes({
      path: `${AGENT_API_BASE}/{proxy+}`,
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('AgentApiIntegration', this.handler),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: throttling,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            // Who (the token's subject), or why nobody (the authorizer's error).
            sub: '$context.authorizer.claims.sub',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            // CloudFront's address: the agent's own is in the X-Forwarded-For the function sees.
            sourceIp: '$context.identity.sourceIp',
          }),
        ),
      },
    });
    this.domainName = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
  }

  /** The API's base URL (`https://<id>.execute-api.<region>.amazonaws.com`). */
  public get url(): string {
    return this.api.apiEndpoint;
  }
}
