import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import { IDENTITY_TOKEN_SECRET_ENV } from '../../lambdas/shared/intake/identity-token-env';
import { DEFAULT_CONCURRENCY } from '../config';
import { acknowledgeBucketNotificationsHandler } from '../constructs/bucket-notifications-handler';
import { ProjectFunction } from '../constructs/project-function';
import { ResourcelessGrant } from '../constructs/resourceless-grant';
import { CHAT_FLOW_FILE, DEFAULT_FLOWS_DIR, formatDiagnostic, prepareFlow } from '../flows';
import { PublicIntakeApi, type PublicIntakeApiProps } from './public-intake-api';

/** Email receiving (SES receipt rule → S3 → SQS → email-intake). */
export interface IntakeEmailProps {
  /** Domain (verified in SES, MX pointing at SES inbound) whose mail becomes inquiries, e.g. "support.example.com". */
  readonly domain: string;
  /**
   * Recipients the receipt rule matches (addresses or domains).
   * @default [domain]
   */
  readonly recipients?: string[];
  /**
   * Sends an acknowledgement with the inquiry id from this address (an SES identity of `domain`).
   * @default - no acknowledgement
   */
  readonly acknowledgementFrom?: string;
  /**
   * Days raw messages are kept in the bucket.
   * @default 90
   */
  readonly rawMessageRetentionDays?: number;
  /**
   * Make the receipt rule set this construct creates the account's ACTIVE rule set (a custom
   * resource calls SES SetActiveReceiptRuleSet; CloudFormation cannot activate a rule set).
   *
   * WARNING: SES has exactly ONE active receipt rule set per account and region. Activating ours
   * REPLACES any other active rule set: every rule of that set stops applying, and mail for the
   * domains it handled is no longer received. Removing the activation (deleting the stack, turning
   * email off, or setting this to false later) deactivates receiving in the region altogether —
   * even if another rule set was activated after ours (SetActiveReceiptRuleSet with no name).
   *
   * Set `false` when the account already has an active rule set (another application, a mail
   * forwarder): nothing is activated, and you add an equivalent rule to the active set yourself
   * (recipients, TLS required, spam/virus scan, S3 action to the raw-mail bucket under `inbound/`;
   * see docs/intake.md). Without either, no mail reaches the intake and nothing reports an error.
   * @default true
   */
  readonly activateRuleSet?: boolean;
}

export interface OmnichannelIntakeProps {
  readonly encryptionKey: kms.IKey;
  /** config.retention.logDays */
  readonly logRetentionDays: number;
  readonly customerTable: dynamodb.ITableV2;
  /** The VOC queue (lambdas/shared/voc): inquiries and emails are sent to it. */
  readonly vocQueue: sqs.IQueue;
  /** ARN of the Amazon Connect instance. */
  readonly instanceArn: string;
  /** ARNs filling the chat flow placeholders `${Queue:General}`, `${Queue:Priority}`, `${HoursOfOperation:BusinessHours}`. */
  readonly queueArns: { readonly General: string; readonly Priority: string };
  readonly businessHoursArn: string;
  /** ARN filling `${HoursOfOperation:OperatingCalendar}`: closed on holidays and closures (lib/operating-calendar.ts). */
  readonly operatingCalendarHoursArn: string;
  /**
   * ARN filling `${IvrLookupFunctionArn}`: the chat flow asks ivr-lookup for the emergency announcement
   * (the function must already be associated with the instance).
   */
  readonly ivrLookupFunctionArn: string;
  /**
   * Contact trace record stream (Connect CONTACT_TRACE_RECORDS storage); without it no ctr-processor.
   * @default - contact records are not added to the history
   */
  readonly contactRecordStream?: kinesis.IStream;
  /** @default 'JP' */
  readonly defaultCountry?: string;
  /**
   * Web origins allowed to call POST /chat and POST /inquiries (CORS) and to use the Connect chat
   * (AWS::Connect::ApprovedOrigin), e.g. ["https://www.example.com"].
   * @default - none: the public endpoints answer no CORS preflight
   */
  readonly approvedOrigins?: string[];
  /**
   * Stage throttling of the public intake and of the history API (requests per second, burst): the
   * global cap of each route, all clients together.
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Per-client (source IP) limit of the public intake routes, enforced by AWS WAF (see {@link PublicIntakeApi}).
   * @default { requests: 100, windowSeconds: 300 }
   */
  readonly perClientLimit?: PublicIntakeApiProps['perClientLimit'];
  /** @default - no email channel */
  readonly email?: IntakeEmailProps;
  /**
   * Server access log target for the raw-mail bucket.
   * @default - a finding cdk-nag reports (S1): pass the stack's access log bucket
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Caps of the queue- and stream-driven functions, so a burst waits in its queue or stream
   * instead of taking the concurrency other functions (ivr-lookup) need.
   * @default { emailIntakeMax: 5, ctrProcessorPerShard: 1 }
   */
  readonly concurrency?: {
    /** Most email-intake invocations at once (SQS event source maximum concurrency, 2–1000). */
    readonly emailIntakeMax?: number;
    /** Batches per shard ctr-processor works on at once (Kinesis parallelization factor, 1–10). */
    readonly ctrProcessorPerShard?: number;
  };
}

/** The resources of the email channel (`OmnichannelIntake.buildEmail`). */
interface EmailResources {
  readonly emailIntake: ProjectFunction;
  readonly rawMailBucket: s3.Bucket;
  readonly inboundMailQueue: sqs.Queue;
  readonly inboundMailDlq: sqs.Queue;
  readonly receiptRuleSet: ses.ReceiptRuleSet;
  readonly ruleSetActivation?: cr.AwsCustomResource;
}

/**
 * Omnichannel intake: web chat (`POST /chat` → StartChatContact on the inbound chat flow), the web form
 * (`POST /inquiries` → history + task + VOC), email (SES → S3 → SQS → email-intake), contact records
 * (Kinesis → ctr-processor) into one customer history, and the agents' history API (IAM-authorized
 * `GET /customers/{id}/timeline`, `GET /customers?phone|email`, `GET /timeline?phone|email`).
 */
export class OmnichannelIntake extends Construct {
  /** The HTTP API of the IAM-authorized history routes. */
  public readonly api: apigwv2.HttpApi;
  /** The public front of `POST /chat` and `POST /inquiries` (REST API + AWS WAF). */
  public readonly publicApi: PublicIntakeApi;
  public readonly chatFlow: connect.CfnContactFlow;
  public readonly chatIntake: ProjectFunction;
  public readonly inquiryIntake: ProjectFunction;
  /**
   * The HS256 key websites that embed chat or form sign identity tokens with (docs/intake.md,
   * "Identity tokens"); only chat and inquiry intake may read it.
   */
  public readonly identityTokenKey: secretsmanager.Secret;
  /**
   * `POST /identity/codes`: one-time codes to a claimed email address (present when the email channel
   * has an `acknowledgementFrom` address to send them from).
   */
  public readonly identityCodes?: ProjectFunction;
  public readonly historyApi: ProjectFunction;
  public readonly ctrProcessor?: ProjectFunction;
  public readonly emailIntake?: ProjectFunction;
  public readonly rawMailBucket?: s3.Bucket;
  public readonly inboundMailQueue?: sqs.Queue;
  public readonly inboundMailDlq?: sqs.Queue;
  public readonly ctrDlq?: sqs.Queue;
  public readonly receiptRuleSet?: ses.ReceiptRuleSet;
  /** Custom resource that makes `receiptRuleSet` the active one (absent when `email.activateRuleSet` is false). */
  public readonly ruleSetActivation?: cr.AwsCustomResource;
  /** ARN prefix for `execute-api:Invoke` on the history routes: grant it to agents' tools. */
  public readonly historyApiArn: string;

  constructor(scope: Construct, id: string, props: OmnichannelIntakeProps) {
    super(scope, id);
    const throttling = props.throttling ?? { rateLimit: 10, burstLimit: 20 };
    if (throttling.rateLimit <= 0 || throttling.burstLimit <= 0) {
      throw new Error(`OmnichannelIntake ${id}: throttling.rateLimit and burstLimit must be positive`);
    }
    for (const origin of props.approvedOrigins ?? []) {
      if (!/^https:\/\/[^/\s*]+$/.test(origin)) {
        throw new Error(
          `OmnichannelIntake ${id}: approvedOrigins: "${origin}" must be an https origin without path or wildcard`,
        );
      }
    }
    if (props.email?.acknowledgementFrom && !props.email.acknowledgementFrom.endsWith(`@${props.email.domain}`)) {
      throw new Error(`OmnichannelIntake ${id}: email.acknowledgementFrom must be an address of ${props.email.domain}`);
    }
    const defaultCountry = props.defaultCountry ?? 'JP';
    const stack = Stack.of(this);
    const common = { logRetentionDays: props.logRetentionDays, encryptionKey: props.encryptionKey };

    // Inbound chat flow (also routes the TASK contacts of web form and email).
    const raw = fs.readFileSync(path.join(DEFAULT_FLOWS_DIR, CHAT_FLOW_FILE), 'utf8');
    const prepared = prepareFlow(
      raw,
      {
        'Queue:General': props.queueArns.General,
        'Queue:Priority': props.queueArns.Priority,
        'HoursOfOperation:BusinessHours': props.businessHoursArn,
        'HoursOfOperation:OperatingCalendar': props.operatingCalendarHoursArn,
        IvrLookupFunctionArn: props.ivrLookupFunctionArn,
      },
      { file: CHAT_FLOW_FILE, flowType: 'CONTACT_FLOW' },
    );
    const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      throw new Error(
        `OmnichannelIntake ${id}: ${CHAT_FLOW_FILE}:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`,
      );
    }
    this.chatFlow = new connect.CfnContactFlow(this, 'InboundChatFlow', {
      instanceArn: props.instanceArn,
      name: 'Inbound chat',
      description: 'Web chat greeting (by name when known), hours, tier routing; routes web form and email tasks',
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      content: prepared.content,
    });
    // arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID[/contact-flow/FLOW_ID], split on "/".
    const connectEnv = {
      CONNECT_INSTANCE_ID: Fn.select(1, Fn.split('/', props.instanceArn)),
      DEFAULT_COUNTRY: defaultCountry,
    };
    const flowIdValue = Fn.select(3, Fn.split('/', this.chatFlow.attrContactFlowArn));
    const startContact = (fn: ProjectFunction, action: 'connect:StartChatContact' | 'connect:StartTaskContact') => {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: [action],
          resources: [props.instanceArn, this.chatFlow.attrContactFlowArn, `${props.instanceArn}/contact/*`],
        }),
      );
      Validations.of(fn.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, props.instanceArn)}/contact/*]`,
        reason: `${action} creates a new contact whose id is unknown beforehand; the statement is limited to this instance and the inbound chat flow.`,
      });
    };
    const acknowledgeGrantWildcards = (fn: ProjectFunction) => {
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        Validations.of(fn.role!).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason:
            'Added by grantSendMessages/grantReadWriteData for the project KMS key of the queue/table; the resource is that one key.',
        });
      }
    };

    this.chatIntake = new ProjectFunction(this, 'ChatIntake', {
      ...common,
      entry: 'lambdas/chat-intake/handler.ts',
      description: 'POST /chat: resolve the visitor and start a Connect chat on the inbound chat flow',
      environment: { ...connectEnv, CHAT_FLOW_ID: flowIdValue },
    });
    this.chatIntake.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
    startContact(this.chatIntake, 'connect:StartChatContact');
    acknowledgeGrantWildcards(this.chatIntake);

    this.inquiryIntake = new ProjectFunction(this, 'InquiryIntake', {
      ...common,
      entry: 'lambdas/inquiry-intake/handler.ts',
      description: 'POST /inquiries: record a web form inquiry, start a Connect task, send it to VOC',
      environment: { ...connectEnv, TASK_FLOW_ID: flowIdValue },
    });
    this.inquiryIntake.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
    this.inquiryIntake.useQueue('VOC_QUEUE_URL', props.vocQueue, 'send');
    startContact(this.inquiryIntake, 'connect:StartTaskContact');
    acknowledgeGrantWildcards(this.inquiryIntake);

    // Verified identity for web visitors: the site signs, intake checks (lambdas/shared/intake/identity-token.ts).
    this.identityTokenKey = new secretsmanager.Secret(this, 'IdentityTokenKey', {
      description: 'HS256 key the embedding website signs visitor identity tokens with (chat and web form intake)',
      encryptionKey: props.encryptionKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(this.identityTokenKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key is shared with the websites that sign identity tokens: a rotation function would change it under them and every verified visitor would be refused. Rotation is an operator step with the sites (docs/intake.md, "Rotating the key").',
    });
    for (const fn of [this.chatIntake, this.inquiryIntake]) {
      fn.addEnvironment(IDENTITY_TOKEN_SECRET_ENV, this.identityTokenKey.secretArn);
      this.identityTokenKey.grantRead(fn);
    }

    this.historyApi = new ProjectFunction(this, 'HistoryApi', {
      ...common,
      entry: 'lambdas/history-api/handler.ts',
      description: 'Agents history API: customer timeline and lookup by phone/email (IAM auth)',
      environment: { DEFAULT_COUNTRY: defaultCountry },
    });
    this.historyApi.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'read');

    // Public intake: a REST API with an AWS WAF per-client rate limit in front, the stage throttle as
    // the global cap (public-intake-api.ts says why not the HTTP API). Public routes are added there only.
    this.publicApi = new PublicIntakeApi(this, 'PublicApi', {
      ...common,
      throttling,
      perClientLimit: props.perClientLimit,
      approvedOrigins: props.approvedOrigins,
    });
    this.publicApi.addRoute('chat', this.chatIntake);
    this.publicApi.addRoute('inquiries', this.inquiryIntake);
    // The functions answer CORS themselves: a proxy integration passes their responses through.
    const allowedOrigins = (props.approvedOrigins ?? []).join(',');
    if (allowedOrigins !== '') {
      for (const fn of [this.chatIntake, this.inquiryIntake]) fn.addEnvironment('ALLOWED_ORIGINS', allowedOrigins);
    }

    // HTTP API: the IAM-only history routes (agents' tools).
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Contact center history API (IAM)',
      createDefaultStage: false,
    });
    new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: throttling,
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });
    if (props.email?.acknowledgementFrom) {
      const codes = new ProjectFunction(this, 'IdentityCodes', {
        ...common,
        entry: 'lambdas/identity-codes/handler.ts',
        description: 'POST /identity/codes: send a one-time code that verifies a claimed email address',
        environment: { CODE_FROM_ADDRESS: props.email.acknowledgementFrom },
      });
      codes.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
      codes.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.email.domain })],
        }),
      );
      acknowledgeGrantWildcards(codes);
      // A public route: behind the same WAF rate limit and stage throttle as chat and inquiries.
      this.publicApi.addRoute('identity/codes', codes);
      if (allowedOrigins !== '') codes.addEnvironment('ALLOWED_ORIGINS', allowedOrigins);
      this.identityCodes = codes;
    }
    const iamAuth = new HttpIamAuthorizer();
    const history = new HttpLambdaIntegration('HistoryIntegration', this.historyApi);
    for (const routePath of ['/customers/{id}/timeline', '/customers', '/timeline']) {
      this.api.addRoutes({
        path: routePath,
        methods: [apigwv2.HttpMethod.GET],
        integration: history,
        authorizer: iamAuth,
      });
    }
    this.historyApiArn = stack.formatArn({
      service: 'execute-api',
      resource: this.api.apiId,
      resourceName: '*/GET/*',
    });
    this.inquiryIntake.addEnvironment('HISTORY_API_URL', this.api.apiEndpoint);

    for (const [i, origin] of (props.approvedOrigins ?? []).entries()) {
      new connect.CfnApprovedOrigin(this, `ApprovedOrigin${i}`, { instanceId: props.instanceArn, origin });
    }

    if (props.contactRecordStream) {
      this.ctrDlq = this.deadLetterQueue('CtrDlq', props);
      this.ctrProcessor = new ProjectFunction(this, 'CtrProcessor', {
        ...common,
        entry: 'lambdas/ctr-processor/handler.ts',
        description: 'Contact trace records (Kinesis) → customer history, idempotent by contact id',
        timeout: Duration.seconds(60),
        environment: { DEFAULT_COUNTRY: defaultCountry },
      });
      this.ctrProcessor.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
      acknowledgeGrantWildcards(this.ctrProcessor);
      this.ctrProcessor.addEventSource(
        new KinesisEventSource(props.contactRecordStream, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(5),
          bisectBatchOnError: true,
          // Concurrency = open shards × this factor; an on-demand stream starts with 4 shards.
          parallelizationFactor: props.concurrency?.ctrProcessorPerShard ?? DEFAULT_CONCURRENCY.ctrProcessorPerShard,
          reportBatchItemFailures: true,
          retryAttempts: 5,
          maxRecordAge: Duration.hours(24),
          onFailure: new SqsDlq(this.ctrDlq),
        }),
      );
    }

    if (props.email) {
      const email = this.buildEmail(props, props.email, common, connectEnv, flowIdValue, startContact);
      acknowledgeGrantWildcards(email.emailIntake);
      this.emailIntake = email.emailIntake;
      this.rawMailBucket = email.rawMailBucket;
      this.inboundMailQueue = email.inboundMailQueue;
      this.inboundMailDlq = email.inboundMailDlq;
      this.receiptRuleSet = email.receiptRuleSet;
      this.ruleSetActivation = email.ruleSetActivation;
    }
  }

  private deadLetterQueue(id: string, props: OmnichannelIntakeProps): sqs.Queue {
    const dlq = new sqs.Queue(this, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(dlq).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue.' });
    // Its alarm is the operations dashboard's (lib/constructs/operations-dashboard.ts), with every other DLQ.
    return dlq;
  }

  /**
   * Makes `ruleSet` the active receipt rule set (SES SetActiveReceiptRuleSet on create/update), and
   * deactivates email receiving on delete (SetActiveReceiptRuleSet without a name). AwsCustomResource
   * runs one call per event, so the delete cannot first check that ours is still the active set
   * (DescribeActiveReceiptRuleSet): it deactivates unconditionally — see `IntakeEmailProps.activateRuleSet`.
   * The deactivation also lets CloudFormation delete the rule set (SES refuses to delete the active one).
   */
  private activateRuleSet(
    ruleSet: ses.ReceiptRuleSet,
    after: Construct[],
    common: { logRetentionDays: number; encryptionKey: kms.IKey },
  ): cr.AwsCustomResource {
    const logGroup = new logs.LogGroup(this, 'RuleSetActivationLogs', {
      retention: common.logRetentionDays as logs.RetentionDays,
      encryptionKey: common.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Own role: the one SES call and writing to its own log group (no AWS managed policy).
    const role = new iam.Role(this, 'RuleSetActivationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Activates the intake SES receipt rule set (and deactivates receiving on delete)',
    });
    logGroup.grantWrite(role);
    const activationGrant = new ResourcelessGrant(this, 'RuleSetActivationPolicy', {
      role,
      purpose: 'Activating the receipt rule set (an account-and-region setting)',
      actions: ['ses:SetActiveReceiptRuleSet'],
    });

    const activate: cr.AwsSdkCall = {
      service: 'SES',
      action: 'SetActiveReceiptRuleSet',
      parameters: { RuleSetName: ruleSet.receiptRuleSetName },
      // Constant: a renamed rule set is activated by an update, never followed by a delete of the
      // old physical id (which would deactivate receiving right after activating the new set).
      physicalResourceId: cr.PhysicalResourceId.of('active-receipt-rule-set'),
    };
    const activation = new cr.AwsCustomResource(this, 'RuleSetActivation', {
      role,
      resourceType: 'Custom::SesActiveReceiptRuleSet',
      onCreate: activate,
      onUpdate: activate,
      // No RuleSetName: "disables all email receiving" (SES API), whichever set is active then.
      onDelete: { service: 'SES', action: 'SetActiveReceiptRuleSet', parameters: {} },
      installLatestAwsSdk: false,
      logGroup,
    });
    // The SES statement is in a policy of its own (not the resource's own policy): wait for it.
    activation.node.addDependency(role, activationGrant, ...after);
    return activation;
  }

  private buildEmail(
    props: OmnichannelIntakeProps,
    email: IntakeEmailProps,
    common: { logRetentionDays: number; encryptionKey: kms.IKey },
    connectEnv: Record<string, string>,
    flowId: string,
    startContact: (fn: ProjectFunction, action: 'connect:StartTaskContact') => void,
  ): EmailResources {
    const stack = Stack.of(this);
    const accessLogsBucket = props.accessLogsBucket;
    const bucket = new s3.Bucket(this, 'RawMail', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      lifecycleRules: [{ prefix: 'inbound/', expiration: Duration.days(email.rawMessageRetentionDays ?? 90) }],
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: accessLogsBucket ? 'raw-mail/' : undefined,
    });
    const ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRuleSet', {});
    const ruleName = 'intake-to-s3';
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesPuts',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('inbound/*')],
        conditions: { StringEquals: { 'AWS:SourceAccount': stack.account } },
      }),
    );
    // SES writes with the bucket's default SSE-KMS encryption: it needs a data key from the project key.
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesRawMailEncryption',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'AWS:SourceAccount': stack.account } },
      }),
    );
    const rule = ruleSet.addRule('IntakeToS3', {
      receiptRuleName: ruleName,
      recipients: email.recipients ?? [email.domain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      enabled: true,
    });
    // The S3 action as a raw property: the L2 action would also grant a policy we wrote above narrower.
    (rule.node.defaultChild as ses.CfnReceiptRule).addPropertyOverride('Rule.Actions', [
      { S3Action: { BucketName: bucket.bucketName, ObjectKeyPrefix: 'inbound/' } },
    ]);
    rule.node.addDependency(bucket.policy!);
    // After the rule and what its S3 action needs (bucket policy; key policy for SSE-KMS): the
    // first message SES accepts once the set is active must be storable.
    const ruleSetActivation =
      (email.activateRuleSet ?? true)
        ? this.activateRuleSet(ruleSet, [rule, bucket.policy!, props.encryptionKey], common)
        : undefined;

    const dlq = this.deadLetterQueue('InboundMailDlq', props);
    const timeout = Duration.minutes(2);
    // SQS-managed encryption: the queue carries only S3 notifications (bucket and key, no mail), and a
    // project-key queue would make the key policy name the bucket that the key encrypts (a cycle).
    const queue = new sqs.Queue(this, 'InboundMail', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue), { prefix: 'inbound/' });
    acknowledgeBucketNotificationsHandler(this);

    const fn = new ProjectFunction(this, 'EmailIntake', {
      ...common,
      entry: 'lambdas/email-intake/handler.ts',
      description: 'Inbound email (SES → S3 → SQS): history, Connect task, VOC, acknowledgement',
      timeout,
      memorySize: 1024,
      environment: {
        ...connectEnv,
        TASK_FLOW_ID: flowId,
        OWN_DOMAINS: email.domain,
        ...(email.acknowledgementFrom ? { ACK_FROM_ADDRESS: email.acknowledgementFrom } : {}),
      },
    });
    fn.useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'readWrite');
    fn.useQueue('VOC_QUEUE_URL', props.vocQueue, 'send');
    // s3:GetObject on inbound/ and nothing else (bucket.grantRead would add s3:GetObject*, GetBucket*,
    // List*): the function reads the one message each S3 notification names. The project key it
    // decrypts with is granted by ProjectFunction.
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('inbound/*')] }),
    );
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/inbound/*]`,
      reason:
        's3:GetObject on the inbound/ prefix of the raw-mail bucket: SES names each object (its key is the message id SES assigns), the function reads the one an S3 notification announces.',
    });
    startContact(fn, 'connect:StartTaskContact');
    if (email.acknowledgementFrom) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: email.domain })],
        }),
      );
    }
    fn.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 5,
        reportBatchItemFailures: true,
        // A mail burst waits in the queue (not throttled back into it towards the DLQ).
        maxConcurrency: props.concurrency?.emailIntakeMax ?? DEFAULT_CONCURRENCY.emailIntakeMax,
      }),
    );

    return {
      emailIntake: fn,
      rawMailBucket: bucket,
      inboundMailQueue: queue,
      inboundMailDlq: dlq,
      receiptRuleSet: ruleSet,
      ruleSetActivation,
    };
  }
}

/**
 * How cdk-nag names a resource ARN in a finding id: the ARN itself when it is a literal, and
 * `<LogicalId.Attribute>` when it is a CloudFormation GetAtt (the instance ARN inside the stack).
 */
function nagResourceName(scope: Construct, arn: string): string {
  if (!Token.isUnresolved(arn)) return arn;
  const resolved = Stack.of(scope).resolve(arn) as { 'Fn::GetAtt'?: [string, string] };
  const getAtt = resolved['Fn::GetAtt'];
  if (!getAtt)
    throw new Error(`OmnichannelIntake: cannot name ${JSON.stringify(resolved)} for a cdk-nag acknowledgement`);
  return `<${getAtt[0]}.${getAtt[1]}>`;
}
