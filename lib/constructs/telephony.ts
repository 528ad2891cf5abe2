import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';

export interface TelephonyProps {
  /** ARN of the Connect instance the number is claimed to. */
  readonly instanceArn: string;
  /** Id of the Connect instance (for the association API). */
  readonly instanceId: string;
  /** ARN of the published inbound voice flow callers reach. */
  readonly inboundFlowArn: string;
  /** ISO 3166-1 alpha-2 country of the number, e.g. JP. */
  readonly countryCode: string;
  /** DID (geographic) or TOLL_FREE (0120/0800 in Japan). */
  readonly type: 'DID' | 'TOLL_FREE';
  /**
   * E.164 prefix to claim within, e.g. "+813" for Tokyo.
   * @default - any available number of the country and type
   */
  readonly prefix?: string;
  /**
   * Constructs that must exist before the number is claimed (e.g. the last resource of the Connect
   * dependency chain, so the claim is not one more parallel control-plane call).
   * @default - only the implicit dependencies on the instance and the flow
   */
  readonly after?: readonly IConstruct[];
  /** Key for the custom resource's log group. */
  readonly encryptionKey: kms.IKey;
  /** Retention of the custom resource's log group. */
  readonly logRetentionDays: number;
}

/**
 * Claims a phone number to the instance (`AWS::Connect::PhoneNumber`) and routes it to the
 * inbound flow. CloudFormation has no property for that binding, so a custom resource calls
 * AssociatePhoneNumberContactFlow on create/update and DisassociatePhoneNumberContactFlow on delete.
 */
export class Telephony extends Construct {
  public readonly phoneNumber: connect.CfnPhoneNumber;
  public readonly flowAssociation: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: TelephonyProps) {
    super(scope, id);
    if (!/^[A-Z]{2}$/.test(props.countryCode)) {
      throw new Error(`Telephony ${id}: countryCode must be an ISO 3166-1 alpha-2 code such as "JP"`);
    }
    if (props.prefix !== undefined && !/^\+\d{1,14}$/.test(props.prefix)) {
      throw new Error(`Telephony ${id}: prefix must look like "+813", got "${props.prefix}"`);
    }

    this.phoneNumber = new connect.CfnPhoneNumber(this, 'PhoneNumber', {
      targetArn: props.instanceArn,
      countryCode: props.countryCode,
      type: props.type,
      prefix: props.prefix,
      description: 'Inbound number of the contact center',
    });
    for (const dep of props.after ?? []) this.phoneNumber.node.addDependency(dep);

    const phoneNumberArn = this.phoneNumber.attrPhoneNumberArn;
    const phoneNumberId = Fn.select(1, Fn.split('phone-number/', phoneNumberArn));
    const flowId = Fn.select(1, Fn.split('contact-flow/', props.inboundFlowArn));
    const associate: cr.AwsSdkCall = {
      service: 'Connect',
      action: 'AssociatePhoneNumberContactFlow',
      parameters: { PhoneNumberId: phoneNumberId, InstanceId: props.instanceId, ContactFlowId: flowId },
      // Stable per number: a new flow re-associates (update) instead of disassociating the number.
      physicalResourceId: cr.PhysicalResourceId.of(phoneNumberId),
    };

    const logGroup = new logs.LogGroup(this, 'AssociationLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role: only the two Connect calls and writing to its own log group (no AWS managed policy).
    const role = new iam.Role(this, 'FlowAssociationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Associates the claimed phone number with the inbound flow',
    });
    logGroup.grantWrite(role);

    this.flowAssociation = new cr.AwsCustomResource(this, 'FlowAssociation', {
      role,
      resourceType: 'Custom::ConnectPhoneNumberFlowAssociation',
      onCreate: associate,
      onUpdate: associate,
      onDelete: {
        service: 'Connect',
        action: 'DisassociatePhoneNumberContactFlow',
        parameters: { PhoneNumberId: phoneNumberId, InstanceId: props.instanceId },
        // The number may already be released (replacement, manual cleanup).
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['connect:AssociatePhoneNumberContactFlow'],
          resources: [phoneNumberArn, props.inboundFlowArn],
        }),
        new iam.PolicyStatement({
          actions: ['connect:DisassociatePhoneNumberContactFlow'],
          resources: [phoneNumberArn],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup,
    });
    // Ordering: the call parameters reference the number (GetAtt) and the flow ARN, so CloudFormation
    // runs the association only after the claim and the published flow exist.
  }

  /** The claimed number in E.164. */
  public get address(): string {
    return this.phoneNumber.attrAddress;
  }
}
