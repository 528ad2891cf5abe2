import { Annotations, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import { PHONE_NUMBER_ARN } from '../config';

/** Claim a new number to the instance. */
export interface ClaimNumber {
  /** ISO 3166-1 alpha-2 country of the number, e.g. US. */
  readonly countryCode: string;
  /** DID (geographic) or TOLL_FREE. */
  readonly type: 'DID' | 'TOLL_FREE';
  /**
   * E.164 prefix to claim within, e.g. "+1206".
   * @default - any available number of the country and type
   */
  readonly prefix?: string;
}

/** Use a number already claimed to the instance (e.g. a Japanese number obtained through AWS support). */
export interface ExistingNumber {
  /** `arn:aws:connect:<region>:<account>:phone-number/<id>` (the ListPhoneNumbersV2 format). */
  readonly existingNumberArn: string;
}

export interface TelephonyProps {
  /** ARN of the Connect instance the number is (or gets) claimed to. */
  readonly instanceArn: string;
  /** Id of the Connect instance (for the association API). */
  readonly instanceId: string;
  /** Claim a number, or use an existing one. */
  readonly number: ClaimNumber | ExistingNumber;
  /** Key for the association custom resource's log group. */
  readonly encryptionKey: kms.IKey;
  /** Retention of the association custom resource's log group. */
  readonly logRetentionDays: number;
}

function isExisting(n: ClaimNumber | ExistingNumber): n is ExistingNumber {
  return 'existingNumberArn' in n;
}

/**
 * The contact center's phone number in two steps, so the number can be created early and routed late:
 *
 * 1. the constructor claims a number (`AWS::Connect::PhoneNumber`) or takes an existing one's ARN —
 *    `numberArn` is then usable by queues (outbound caller ID) created after it;
 * 2. {@link associate} routes the number to the inbound flow. CloudFormation has no property for that
 *    binding, so a custom resource calls AssociatePhoneNumberContactFlow on create/update and
 *    DisassociatePhoneNumberContactFlow on delete.
 *
 * Japanese (JP) numbers cannot be claimed through the API (AWS support case); use an existing number.
 */
export class Telephony extends Construct {
  /** The claimed number; undefined with an existing number. */
  public readonly phoneNumber?: connect.CfnPhoneNumber;
  /** ARN of the number (claimed or existing), for queues' outbound caller ID and the association. */
  public readonly numberArn: string;
  private association?: cr.AwsCustomResource;
  private readonly props: TelephonyProps;

  constructor(scope: Construct, id: string, props: TelephonyProps) {
    super(scope, id);
    this.props = props;
    const n = props.number;
    if (isExisting(n)) {
      if (!Token.isUnresolved(n.existingNumberArn)) {
        const m = PHONE_NUMBER_ARN.exec(n.existingNumberArn);
        if (!m) {
          throw new Error(
            `Telephony ${id}: existingNumberArn must look like "arn:aws:connect:<region>:<account>:phone-number/<id>", got "${n.existingNumberArn}"`,
          );
        }
        const stack = Stack.of(this);
        for (const [what, expected, actual] of [
          ['region', stack.region, m[1]],
          ['account', stack.account, m[2]],
        ] as const) {
          if (!Token.isUnresolved(expected) && expected !== actual) {
            throw new Error(`Telephony ${id}: existingNumberArn is in ${what} ${actual}, the stack in ${expected}`);
          }
        }
      }
      this.numberArn = n.existingNumberArn;
      return;
    }

    if (!/^[A-Z]{2}$/.test(n.countryCode)) {
      throw new Error(`Telephony ${id}: countryCode must be an ISO 3166-1 alpha-2 code such as "JP"`);
    }
    if (n.prefix !== undefined && !/^\+\d{1,14}$/.test(n.prefix)) {
      throw new Error(`Telephony ${id}: prefix must look like "+813", got "${n.prefix}"`);
    }
    if (n.countryCode === 'JP') {
      Annotations.of(this).addWarningV2(
        'contact-center:jp-number-claim',
        'Japanese numbers cannot be claimed through the API (Amazon Connect asks for an AWS support case); the deploy will fail. Obtain the number through support and pass existingNumberArn instead.',
      );
    }

    this.phoneNumber = new connect.CfnPhoneNumber(this, 'PhoneNumber', {
      targetArn: props.instanceArn,
      countryCode: n.countryCode,
      type: n.type,
      prefix: n.prefix,
      description: 'Inbound number of the contact center',
    });
    this.numberArn = this.phoneNumber.attrPhoneNumberArn;
  }

  /**
   * Routes the number to `flowArn` (a published inbound voice flow), or to one published version of it
   * (`versionArn`, `…/contact-flow/<id>:<version>`): the number then keeps answering with that version
   * until a deploy publishes a new one or `contact-center flows rollback` points it at an earlier one.
   * Call once.
   * @param after constructs the association must wait for besides the number and the flow (referenced already)
   */
  public associate(flowArn: string, after: readonly IConstruct[] = [], versionArn?: string): cr.AwsCustomResource {
    if (this.association) throw new Error(`Telephony ${this.node.id}: the number is already associated with a flow`);
    const { instanceId, encryptionKey, logRetentionDays } = this.props;
    const phoneNumberArn = this.numberArn;
    const phoneNumberId = Fn.select(1, Fn.split('phone-number/', phoneNumberArn));
    // `<flow id>` or `<flow id>:<version>`: AssociatePhoneNumberContactFlow takes either.
    const flowId = Fn.select(1, Fn.split('contact-flow/', versionArn ?? flowArn));
    const call: cr.AwsSdkCall = {
      service: 'Connect',
      action: 'AssociatePhoneNumberContactFlow',
      parameters: { PhoneNumberId: phoneNumberId, InstanceId: instanceId, ContactFlowId: flowId },
      // Stable per number: a new flow re-associates (update) instead of disassociating the number.
      physicalResourceId: cr.PhysicalResourceId.of(phoneNumberId),
    };

    const logGroup = new logs.LogGroup(this, 'AssociationLogs', {
      retention: logRetentionDays as logs.RetentionDays,
      encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role: only the two Connect calls and writing to its own log group (no AWS managed policy).
    const role = new iam.Role(this, 'FlowAssociationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Associates the phone number with the inbound flow',
    });
    logGroup.grantWrite(role);

    this.association = new cr.AwsCustomResource(this, 'FlowAssociation', {
      role,
      resourceType: 'Custom::ConnectPhoneNumberFlowAssociation',
      onCreate: call,
      onUpdate: call,
      onDelete: {
        service: 'Connect',
        action: 'DisassociatePhoneNumberContactFlow',
        parameters: { PhoneNumberId: phoneNumberId, InstanceId: instanceId },
        // The number may already be released (replacement, manual cleanup).
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['connect:AssociatePhoneNumberContactFlow'],
          resources: [phoneNumberArn, flowArn, ...(versionArn ? [versionArn] : [])],
        }),
        new iam.PolicyStatement({
          actions: ['connect:DisassociatePhoneNumberContactFlow'],
          resources: [phoneNumberArn],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup,
    });
    for (const dep of after) this.association.node.addDependency(dep);
    // Ordering: the call parameters reference the number (GetAtt when claimed) and the flow ARN, so
    // CloudFormation runs the association only after the claim and the published flow exist.
    return this.association;
  }

  /** The flow association custom resource, once {@link associate} was called. */
  public get flowAssociation(): cr.AwsCustomResource | undefined {
    return this.association;
  }

  /** The claimed number in E.164; undefined with an existing number (only its ARN is known at synth). */
  public get address(): string | undefined {
    return this.phoneNumber?.attrAddress;
  }
}
