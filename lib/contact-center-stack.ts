import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { AgentApp } from './agent-app/agent-app';
import { type ContactCenterConfig, defaultLanguage, OPERATING_CALENDAR_HOURS } from './config';
import { AlarmTopic } from './constructs/alarm-topic';
import { ConnectAgents } from './constructs/connect-agents';
import { chainDependencies } from './constructs/connect-chain';
import { ConnectInstance } from './constructs/connect-instance';
import { ConnectRouting } from './constructs/connect-routing';
import { ContactStorage } from './constructs/contact-storage';
import { CustomerData } from './constructs/customer-data';
import { ContactCenterKey } from './constructs/encryption-key';
import { OperationsDashboard } from './constructs/operations-dashboard';
import { Telephony } from './constructs/telephony';
import { VoiceIvr } from './constructs/voice-ivr';
import { FLOW_CATALOG } from './flows';
import { OmnichannelIntake } from './intake/omnichannel-intake';
import { calendarHorizon } from './operating-calendar';
import { VocPipeline } from './voc/voc-pipeline';

export interface ContactCenterStackProps extends StackProps {
  /** Validated configuration (lib/config.ts). */
  readonly config: ContactCenterConfig;
  /**
   * Directory of the contact flows (lib/flows FLOW_CATALOG files).
   * @default contact-flows/ at the repository root
   */
  readonly flowsDir?: string;
  /**
   * The deploy's "today": the operating calendar's horizon starts on the first day of its month
   * (config.calendar.startDate pins it instead).
   * @default - the time of synth
   */
  readonly now?: Date;
}

/**
 * The whole contact center in one stack. It only wires constructs together; each concern lives in
 * lib/constructs/. Everything the IVR wiring needs is exposed as public readonly.
 */
export class ContactCenterStack extends Stack {
  public readonly config: ContactCenterConfig;
  /** Customer-managed key used by every encrypted resource. */
  public readonly key: kms.Key;
  public readonly connect: ConnectInstance;
  public readonly routing: ConnectRouting;
  public readonly agents: ConnectAgents;
  /** Queue ARNs by queue name (for `${Queue:<name>}` placeholders). */
  public readonly queueArns: Readonly<Record<string, string>>;
  /** Hours of operation ARNs by name. */
  public readonly hoursArns: Readonly<Record<string, string>>;
  public readonly customerTable: dynamodb.TableV2;
  public readonly recordingsBucket: s3.Bucket;
  public readonly contactTraceRecordStream: kinesis.Stream;
  public readonly alarmTopic: sns.Topic;
  /** The voice IVR: ivr-lookup Lambda, its Connect integration and the linted contact flows. */
  public readonly ivr: VoiceIvr;
  /** ARN of the flow the phone number is associated with. */
  public readonly inboundFlowArn: string;
  /** Voice of the customer: queue, Comprehend analyzer, Parquet lake, Glue table, Athena workgroup. */
  public readonly voc: VocPipeline;
  /** Chat, web form, email and contact-record intake plus the agents' history API. */
  public readonly intake: OmnichannelIntake;
  /** The claimed or existing number and its flow association (undefined when config.phoneNumber.enabled is false). */
  public readonly telephony?: Telephony;
  /** The operations dashboard and every alarm (docs/operations.md). */
  public readonly operations: OperationsDashboard;
  /** The agent app: sign-in, agent API, hosting and workspace registration (undefined when config.agentApp.enabled is false). */
  public readonly agentApp?: AgentApp;

  constructor(scope: Construct, id: string, props: ContactCenterStackProps) {
    super(scope, id, {
      description: 'Serverless contact center (Amazon Connect, Lambda, DynamoDB) — Japanese first',
      ...props,
    });
    const { config } = props;
    this.config = config;

    this.key = new ContactCenterKey(this, 'DataKey').key;

    this.customerTable = new CustomerData(this, 'CustomerData', { encryptionKey: this.key }).table;

    const storage = new ContactStorage(this, 'ContactStorage', {
      encryptionKey: this.key,
      recordingsDays: config.retention.recordingsDays,
      contactTraceRecordStreamHours: config.retention.contactRecordStreamHours,
    });
    this.recordingsBucket = storage.recordingsBucket;
    this.contactTraceRecordStream = storage.contactTraceRecordStream;
    Validations.of(storage.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the server access log target of the recordings bucket; logging it to itself would loop and logging it elsewhere only moves the finding.',
    });

    this.alarmTopic = new AlarmTopic(this, 'Alarms', { encryptionKey: this.key, email: config.alarmEmail }).topic;

    this.connect = new ConnectInstance(this, 'Connect', {
      instanceAlias: config.instanceAlias,
      identityManagement: config.identityManagement,
      recordingsBucket: storage.recordingsBucket,
      encryptionKey: this.key,
      contactTraceRecordStream: storage.contactTraceRecordStream,
      flowLogRetentionDays: config.retention.logDays,
    });

    // The number comes before the queues (their outbound caller ID names it); only its association
    // with the inbound flow waits for the flows, further down.
    const phone = config.phoneNumber;
    if (phone.enabled) {
      this.telephony = new Telephony(this, 'Telephony', {
        instanceArn: this.connect.instanceArn,
        instanceId: this.connect.instanceId,
        number:
          phone.existingNumberArn !== undefined
            ? { existingNumberArn: phone.existingNumberArn }
            : { countryCode: phone.countryCode, type: phone.type, prefix: phone.prefix },
        encryptionKey: this.key,
        logRetentionDays: config.retention.logDays,
      });
    }

    this.routing = new ConnectRouting(this, 'Routing', {
      instanceArn: this.connect.instanceArn,
      timeZone: config.timeZone,
      hoursOfOperation: config.hoursOfOperation,
      queues: config.queues,
      routingProfile: config.routingProfile,
      closures: calendarHorizon(config.calendar, props.now ?? new Date(), config.timeZone).periods,
      outboundCaller: this.telephony && {
        numberArn: this.telephony.numberArn,
        name: phone.callerIdName ?? config.instanceAlias,
      },
    });
    this.queueArns = Object.fromEntries(config.queues.map((q) => [q.name, this.routing.queueArn(q.name)]));
    this.hoursArns = Object.fromEntries(
      Object.keys(this.routing.hours).map((name) => [name, this.routing.hoursArn(name)]),
    );

    this.agents = new ConnectAgents(this, 'Agents', {
      instanceArn: this.connect.instanceArn,
      identityManagementType: config.identityManagement.type,
      routingProfileArn: this.routing.routingProfile.attrRoutingProfileArn,
      agents: config.agents,
      encryptionKey: this.key,
    });

    if (config.agentApp.enabled) {
      this.agentApp = new AgentApp(this, 'AgentApp', {
        instanceArn: this.connect.instanceArn,
        instanceAlias: config.instanceAlias,
        customerTable: this.customerTable,
        encryptionKey: this.key,
        logRetentionDays: config.retention.logDays,
        defaultCountry: config.defaultCountry,
        timeZone: config.timeZone,
        defaultLocale: defaultLanguage(config).code,
        settings: config.agentApp,
        agents: config.agents,
        accessLogsBucket: storage.accessLogsBucket,
      });
      // Agents and supervisors may open it in the agent workspace once it is associated with the instance.
      this.agents.addApplication(this.agentApp.workspace.namespace, this.agentApp.workspace.association);
    }
    const workspace = this.agentApp?.workspace;

    // One Connect control-plane call at a time: storage → claimed number → hours/queues/profile →
    // agent app association and origin → security/users → flows → number association.
    chainDependencies([
      this.connect.storageConfigs.contactTraceRecords,
      ...(this.telephony?.phoneNumber ? [this.telephony.phoneNumber] : []),
      this.routing.firstResource,
    ]);
    chainDependencies([
      this.routing.lastResource,
      ...(workspace ? [workspace.association, workspace.approvedOrigin] : []),
      this.agents.firstResource,
    ]);

    this.ivr = new VoiceIvr(this, 'VoiceIvr', {
      config,
      instanceArn: this.connect.instanceArn,
      queueArns: this.queueArns,
      hoursArns: this.hoursArns,
      customerTable: this.customerTable,
      encryptionKey: this.key,
      flowsDir: props.flowsDir,
      after: [this.agents.lastResource],
    });
    this.inboundFlowArn = this.ivr.inboundFlowArn;

    this.voc = new VocPipeline(this, 'Voc', {
      encryptionKey: this.key,
      customerTable: this.customerTable,
      logRetentionDays: config.retention.logDays,
      timeZone: config.timeZone,
      // Chat transcripts and Contact Lens call analytics land here and feed the VOC queue.
      recordingsBucket: this.recordingsBucket,
      accessLogsBucket: storage.accessLogsBucket,
      analyzerMaxConcurrency: config.concurrency.vocAnalyzerMax,
    });

    const general = this.queueArns.General;
    const priority = this.queueArns.Priority;
    const businessHours = this.hoursArns.BusinessHours;
    const calendarHours = this.hoursArns[OPERATING_CALENDAR_HOURS];
    if (!general || !priority || !businessHours || !calendarHours) {
      throw new Error(
        'ContactCenterStack: the chat flow needs queues General and Priority and hours BusinessHours and OperatingCalendar',
      );
    }
    this.intake = new OmnichannelIntake(this, 'Intake', {
      encryptionKey: this.key,
      logRetentionDays: config.retention.logDays,
      customerTable: this.customerTable,
      vocQueue: this.voc.queue,
      instanceArn: this.connect.instanceArn,
      queueArns: { General: general, Priority: priority },
      businessHoursArn: businessHours,
      operatingCalendarHoursArn: calendarHours,
      ivrLookupFunctionArn: this.ivr.lookupFunction.functionArn,
      contactRecordStream: config.intake.contactRecords ? this.contactTraceRecordStream : undefined,
      defaultCountry: config.defaultCountry,
      approvedOrigins: config.intake.approvedOrigins,
      throttling: config.intake.throttling,
      perClientLimit: config.intake.perClientRateLimit,
      email: config.intake.email,
      accessLogsBucket: storage.accessLogsBucket,
      concurrency: {
        emailIntakeMax: config.concurrency.emailIntakeMax,
        ctrProcessorPerShard: config.concurrency.ctrProcessorPerShard,
      },
    });
    // Connect control-plane calls one at a time: the chat flow after the voice flows.
    this.intake.chatFlow.node.addDependency(this.ivr.flows.inboundFlow);
    // …and the native test cases after the chat flow.
    this.ivr.testCases?.alwaysOpen.node.addDependency(this.intake.chatFlow);

    this.operations = new OperationsDashboard(this, 'Operations', {
      instanceId: this.connect.instanceId,
      flowNames: [...FLOW_CATALOG.map((f) => f.name), this.intake.chatFlow.name],
      queueNames: config.queues.map((q) => q.name),
      ivrLookup: this.ivr.lookupFunction,
      intakeApi: this.intake.publicApi.api,
      historyApi: this.intake.api,
      agentApi: this.agentApp?.api.api,
      vocQueue: this.voc.queue,
      deadLetterQueues: {
        voc: { queue: this.voc.deadLetterQueue, redrive: 'source' },
        ...(this.intake.inboundMailDlq && { 'inbound-mail': { queue: this.intake.inboundMailDlq, redrive: 'source' } }),
        ...(this.intake.ctrDlq && { 'contact-records': { queue: this.intake.ctrDlq, redrive: 'none' } }),
      },
      contactRecordStream: this.intake.ctrProcessor ? this.contactTraceRecordStream : undefined,
      alarmTopic: this.alarmTopic,
      thresholds: config.alarms,
    });

    if (this.telephony) {
      // Waits for the inbound flow (referenced) and, to stay the last Connect call of the chain, the chat flow.
      // The number answers with the inbound flow's published version (docs/flows.md, "Safe rollout").
      this.telephony.associate(
        this.inboundFlowArn,
        [this.intake.chatFlow, ...(this.ivr.testCases ? [this.ivr.testCases] : [])],
        this.ivr.flows.inboundFlowVersionArn,
      );
      new CfnOutput(this, 'PhoneNumberArn', {
        value: this.telephony.numberArn,
        description: 'contact-center flows rollback --phone-number-arn',
      });
      new CfnOutput(this, 'PhoneNumber', {
        value: this.telephony.address ?? this.telephony.numberArn,
        description: this.telephony.address
          ? 'Claimed inbound number (E.164)'
          : 'Inbound number (ARN of the existing number; its E.164 address is in the Connect console)',
      });
    }

    new CfnOutput(this, 'InboundFlowArn', {
      value: this.inboundFlowArn,
      description: 'contact-center flows rollback --flow-arn',
    });
    new CfnOutput(this, 'InstanceId', { value: this.connect.instanceId, description: 'Amazon Connect instance id' });
    new CfnOutput(this, 'InstanceArn', { value: this.connect.instanceArn, description: 'Amazon Connect instance ARN' });
    new CfnOutput(this, 'CustomerTableName', {
      value: this.customerTable.tableName,
      description: 'DynamoDB customer table',
    });
    new CfnOutput(this, 'PublicIntakeUrl', {
      value: this.intake.publicApi.url,
      description: 'POST chat, POST inquiries (public: AWS WAF per-client limit, stage throttle)',
    });
    new CfnOutput(this, 'HttpApiUrl', {
      value: this.intake.api.apiEndpoint,
      description: 'GET /customers/..., GET /timeline (history API, IAM auth)',
    });
    if (this.agentApp) {
      new CfnOutput(this, 'AgentAppUrl', {
        value: this.agentApp.url,
        description: 'Agent app (opened inside the Connect agent workspace; docs/deploy.md#deploying-the-agent-app)',
      });
      new CfnOutput(this, 'AgentUserPoolId', {
        value: this.agentApp.directory.userPool.userPoolId,
        description: 'Cognito user pool of the agent app (agents and supervisors groups)',
      });
      new CfnOutput(this, 'AgentApiUrl', {
        value: `${this.agentApp.url}api`,
        description: 'Agent API behind the app origin (Cognito JWT); the execute-api URL answers the same routes',
      });
    }
    new CfnOutput(this, 'VocQueueUrl', { value: this.voc.queue.queueUrl, description: 'VOC queue (any producer)' });
    new CfnOutput(this, 'VocLakeBucketName', {
      value: this.voc.lakeBucket.bucketName,
      description: 'VOC Parquet lake',
    });
    new CfnOutput(this, 'VocAthenaWorkgroup', {
      value: this.voc.workgroup.name,
      description: 'voc report --engine athena --workgroup',
    });
    new CfnOutput(this, 'VocGlueDatabase', { value: this.voc.databaseName, description: 'voc report --database' });
    new CfnOutput(this, 'OperationsDashboardName', {
      value: this.operations.dashboard.dashboardName,
      description: 'CloudWatch dashboard of calls, queues, flows, Lambdas, API, VOC backlog and dead letters',
    });
    new CfnOutput(this, 'RecordingsBucketName', {
      value: this.recordingsBucket.bucketName,
      description: 'Call recordings, chat transcripts and Contact Lens output',
    });
  }
}
