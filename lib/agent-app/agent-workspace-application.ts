import * as appintegrations from 'aws-cdk-lib/aws-appintegrations';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';

/**
 * What the app may ask the agent workspace for (Amazon Connect Administrator Guide, "Events and requests
 * when granting third-party applications access"), and nothing more:
 * - `User.Details.View`: agent/getName, agent/getARN (who is signed in to the workspace);
 * - `Contact.Details.View`: contact/onConnected, onCleared, onMissed, onStartingAcw, getChannelType,
 *   getQueue (the screen pop and the contact's channel and queue);
 * - `Contact.Attributes.View`: contact/getAttributes (customer id, identity, tier, IVR path set by the flows).
 */
export const AGENT_APP_PERMISSIONS = ['User.Details.View', 'Contact.Details.View', 'Contact.Attributes.View'] as const;

/**
 * The iframe sandbox: scripts, its own origin (storage, same-origin API calls), forms (the wrap-up form)
 * and popups (Cognito's managed login opens in one, which inherits these same flags: enough for its
 * scripts and form, and for signed-in.html to hand the code back to its opener).
 */
export const AGENT_APP_IFRAME_SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-popups'] as const;

export interface AgentWorkspaceApplicationProps {
  /** ARN of the Connect instance. */
  readonly instanceArn: string;
  /** The app's URL (`https://<distribution>/`). */
  readonly accessUrl: string;
  /** The app's origin (`https://<distribution>`): approved for the instance and for the application. */
  readonly origin: string;
  /** Application name (letters, digits, spaces, `/ . _ -`; ≤ 255). */
  readonly name: string;
  /** Namespace the security profiles grant (letters, digits, `/ . _ -`; ≤ 128 for a security profile). */
  readonly namespace: string;
  /** @default 'Customer card and cross-channel history (contact center stack)' */
  readonly description?: string;
}

/**
 * Registers the agent app with Amazon Connect: an AppIntegrations application (the URL the agent
 * workspace frames, the permissions above, the iframe sandbox), its association with the instance
 * (type APPLICATION) and the app's origin as an approved origin of the instance. Security profiles
 * grant it with {@link ConnectAgents.addApplication}.
 */
export class AgentWorkspaceApplication extends Construct {
  public readonly application: appintegrations.CfnApplication;
  public readonly association: connect.CfnIntegrationAssociation;
  public readonly approvedOrigin: connect.CfnApprovedOrigin;
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: AgentWorkspaceApplicationProps) {
    super(scope, id);
    if (!/^[a-zA-Z0-9/._-]{1,128}$/.test(props.namespace)) {
      throw new Error(
        `AgentWorkspaceApplication ${id}: namespace "${props.namespace}" must be 1–128 letters, digits, "/", ".", "_" or "-"`,
      );
    }
    if (!/^[a-zA-Z0-9/._ -]{1,255}$/.test(props.name)) {
      throw new Error(
        `AgentWorkspaceApplication ${id}: name "${props.name}" must be 1–255 letters, digits, spaces, "/", ".", "_" or "-"`,
      );
    }
    this.namespace = props.namespace;
    this.application = new appintegrations.CfnApplication(this, 'Application', {
      name: props.name,
      namespace: props.namespace,
      description: props.description ?? 'Customer card and cross-channel history (contact center stack)',
      applicationSourceConfig: {
        externalUrlConfig: { accessUrl: props.accessUrl, approvedOrigins: [props.origin] },
      },
      permissions: [...AGENT_APP_PERMISSIONS],
      iframeConfig: { sandbox: [...AGENT_APP_IFRAME_SANDBOX] },
    });
    this.association = new connect.CfnIntegrationAssociation(this, 'Association', {
      instanceId: props.instanceArn,
      integrationArn: this.application.attrApplicationArn,
      integrationType: 'APPLICATION',
    });
    this.approvedOrigin = new connect.CfnApprovedOrigin(this, 'ApprovedOrigin', {
      instanceId: props.instanceArn,
      origin: props.origin,
    });
  }
}
