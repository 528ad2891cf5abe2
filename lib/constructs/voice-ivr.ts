import { Duration, Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, type IDependable } from 'constructs';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import type { ContactCenterConfig } from '../config';
import { ContactFlows } from '../flows';
import { FlowTestCases } from '../flows/test-cases';
import { ProjectFunction } from './project-function';

/**
 * How the ivr-lookup function is bundled and started. Connect waits on this function mid-call, so its
 * cold start is what a caller hears as silence (bench/ivr-lookup.ts, docs/customer-data.md "Cold start"):
 * - the SDK is bundled (tree-shaken ES builds, environment credentials only), which initialises
 *   faster than the runtime's full CommonJS SDK;
 * - the source map is shipped but not loaded at start: Node would parse it before the first caller
 *   is answered. A stack trace in its logs is decoded offline with the index.js.map of the
 *   deployed package. The function never throws to Connect; errors are logged results.
 */
export const IVR_LOOKUP_BUNDLING = { bundleAwsSdk: true, runtimeSourceMaps: false } as const;

export interface VoiceIvrProps {
  readonly config: ContactCenterConfig;
  readonly instanceArn: string;
  /** Queue ARNs by queue name (`${Queue:<name>}`). */
  readonly queueArns: Readonly<Record<string, string>>;
  /** Hours of operation ARNs by name (`${HoursOfOperation:<name>}`). */
  readonly hoursArns: Readonly<Record<string, string>>;
  readonly customerTable: dynamodb.ITableV2;
  readonly encryptionKey: kms.IKey;
  /**
   * Directory of the flow files.
   * @default contact-flows/ at the repository root
   */
  readonly flowsDir?: string;
  /**
   * Resources the flows must be created after (queues, hours, users): Connect validates every ARN a
   * published flow names, and parallel control-plane calls throttle.
   * @default - none
   */
  readonly after?: IDependable[];
}

/**
 * The voice IVR: the ivr-lookup Lambda that Connect may invoke (resource policy scoped to this
 * instance and account, plus the instance's integration association), and the contact flows
 * substituted and linted at synth, created after everything they reference.
 */
export class VoiceIvr extends Construct {
  public readonly lookupFunction: ProjectFunction;
  public readonly integration: connect.CfnIntegrationAssociation;
  public readonly flows: ContactFlows;
  /** The flow the phone number is associated with. */
  public readonly inboundFlowArn: string;
  /**
   * The caller scenarios as Amazon Connect native test cases against the inbound flow (with the hours
   * they substitute for BusinessHours); absent without a BusinessHours hours of operation.
   */
  public readonly testCases?: FlowTestCases;

  constructor(scope: Construct, id: string, props: VoiceIvrProps) {
    super(scope, id);
    const { config } = props;

    this.lookupFunction = new ProjectFunction(this, 'IvrLookupFunction', {
      entry: 'lambdas/ivr-lookup/handler.ts',
      description: 'Looks callers up by phone number and answers inquiry-status self-service for the IVR',
      // The handler bounds its own DynamoDB calls to answer within 3 s; this is the hard stop below
      // Connect's 8 s limit.
      timeout: Duration.seconds(5),
      memorySize: 1024,
      // Callers wait on this function: concurrency of its own, which no email or VOC burst can take.
      reservedConcurrentExecutions: config.concurrency.ivrLookupReserved || undefined,
      ...IVR_LOOKUP_BUNDLING,
      environment: { DEFAULT_COUNTRY: config.defaultCountry, POWERTOOLS_SERVICE_NAME: 'ivr-lookup' },
      logRetentionDays: config.retention.logDays,
      encryptionKey: props.encryptionKey,
    }).useTable(CUSTOMER_TABLE_ENV, props.customerTable, 'read');

    this.lookupFunction.addPermission('InvokeFromConnectInstance', {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      sourceArn: props.instanceArn,
      sourceAccount: Stack.of(this).account,
    });

    // The logical id is the association's identity (instance + ARN, create-only): keep it stable.
    this.integration = new connect.CfnIntegrationAssociation(this, 'IvrLookupIntegration', {
      instanceId: props.instanceArn,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: this.lookupFunction.functionArn,
    });

    const voice = (code: string) => {
      const language = config.languages.find((l) => l.code === code);
      if (!language) throw new Error(`VoiceIvr: the flows speak ${code}; add it to contactCenter.languages`);
      return language.voice;
    };
    const placeholders: Record<string, string> = {
      IvrLookupFunctionArn: this.lookupFunction.functionArn,
      'Voice:ja-JP': voice('ja-JP'),
      'Voice:en-US': voice('en-US'),
    };
    for (const [name, arn] of Object.entries(props.queueArns)) placeholders[`Queue:${name}`] = arn;
    for (const [name, arn] of Object.entries(props.hoursArns)) placeholders[`HoursOfOperation:${name}`] = arn;

    this.flows = new ContactFlows(this, 'Flows', {
      instanceArn: props.instanceArn,
      placeholders,
      flowsDir: props.flowsDir,
    });
    this.flows.addDependency(this.integration, ...(props.after ?? []));
    const permission = this.lookupFunction.permissionsNode.tryFindChild('InvokeFromConnectInstance');
    if (permission) this.flows.addDependency(permission);
    this.inboundFlowArn = this.flows.inboundFlowArn;

    const businessHoursArn = props.hoursArns.BusinessHours;
    if (businessHoursArn) {
      this.testCases = new FlowTestCases(this, 'TestCases', {
        instanceArn: props.instanceArn,
        inboundFlowArn: this.inboundFlowArn,
        businessHoursArn,
        timeZone: config.timeZone,
        defaultCountry: config.defaultCountry,
      });
      // After the flows they test (Connect control-plane calls one at a time).
      this.testCases.alwaysOpen.node.addDependency(this.flows.inboundFlow);
    }
  }
}
