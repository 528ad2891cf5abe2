import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The only IAM actions this project grants on Resource "*", each with the page of AWS's Service
 * Authorization Reference whose Actions table lists no resource type for it ("If there is no value
 * for this column, you must specify all resources ("*")"). An action is added here only with that
 * evidence; everything else is granted on named resources.
 */
export const RESOURCELESS_ACTIONS = {
  // Lambda active tracing: the function sends its segments to X-Ray.
  'xray:PutTraceSegments': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
  'xray:PutTelemetryRecords': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
  // Comprehend's pre-trained detection APIs (no custom model or endpoint, hence no resource).
  'comprehend:BatchDetectDominantLanguage':
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_comprehend.html',
  'comprehend:BatchDetectSentiment':
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_comprehend.html',
  'comprehend:BatchDetectKeyPhrases':
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_comprehend.html',
  'comprehend:DetectPiiEntities':
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_comprehend.html',
  // The active receipt rule set is an account-and-region setting, not a resource.
  'ses:SetActiveReceiptRuleSet': 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_ses.html',
} as const;

export type ResourcelessAction = keyof typeof RESOURCELESS_ACTIONS;

/** The cdk-nag finding a statement on Resource "*" raises. */
export const WILDCARD_RESOURCE_FINDING = 'AwsSolutions-IAM5[Resource::*]';

export interface ResourcelessGrantProps {
  /** The role that receives the actions. */
  readonly role: iam.IRole;
  /** What the actions are for, said in the acknowledgement (e.g. "Lambda active tracing"). */
  readonly purpose: string;
  /** Actions from {@link RESOURCELESS_ACTIONS}: nothing else can be put on Resource "*". */
  readonly actions: readonly ResourcelessAction[];
}

/**
 * Grants actions that only exist on Resource "*" through a policy of their own, and acknowledges
 * cdk-nag's `AwsSolutions-IAM5[Resource::*]` on that policy alone, with the actions named in the
 * reason. The role's default policy carries no acknowledgement for `Resource::*`, so any other
 * statement on "*" (a `dynamodb:DeleteTable` written by mistake) fails synthesis.
 *
 * The policy also refuses, at synthesis, any statement added to it later that is not an Allow of
 * listed actions on "*" alone: the acknowledgement cannot come to cover more than it names.
 */
export class ResourcelessGrant extends iam.Policy {
  public readonly actions: readonly ResourcelessAction[];

  constructor(scope: Construct, id: string, props: ResourcelessGrantProps) {
    if (props.actions.length === 0) throw new Error(`ResourcelessGrant ${id}: no actions`);
    for (const action of props.actions) {
      if (!(action in RESOURCELESS_ACTIONS)) {
        throw new Error(`ResourcelessGrant ${id}: ${action} is not an action AWS authorizes only on Resource "*"`);
      }
    }
    super(scope, id, {
      roles: [props.role],
      statements: [new iam.PolicyStatement({ actions: [...props.actions], resources: ['*'] })],
    });
    this.actions = [...props.actions];
    const sources = [...new Set(props.actions.map((a) => RESOURCELESS_ACTIONS[a]))];
    Validations.of(this).acknowledge({
      id: WILDCARD_RESOURCE_FINDING,
      reason: `${props.purpose}: ${props.actions.join(', ')} support no resource-level permissions (AWS Service Authorization Reference lists no resource type for them: ${sources.join(' ')}), so Resource "*" is the only valid value. This policy holds these actions and nothing else.`,
    });
    this.node.addValidation({
      validate: () => {
        const doc = this.document.toJSON() as { Statement?: { Effect: string; Action: unknown; Resource: unknown }[] };
        const errors: string[] = [];
        for (const s of doc.Statement ?? []) {
          const actions = ([] as unknown[]).concat(s.Action);
          const resources = ([] as unknown[]).concat(s.Resource);
          const stray = actions.filter((a) => typeof a !== 'string' || !(a in RESOURCELESS_ACTIONS));
          if (s.Effect !== 'Allow' || stray.length > 0 || resources.length !== 1 || resources[0] !== '*') {
            errors.push(
              `${this.node.path}: only actions that exist on Resource "*" alone may be granted here (${Object.keys(RESOURCELESS_ACTIONS).join(', ')}); found ${JSON.stringify(s)}`,
            );
          }
        }
        return errors;
      },
    });
  }
}
