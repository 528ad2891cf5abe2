import { Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, type IConstruct } from 'constructs';
import type { AgentConfig } from '../config';
import { chainDependencies } from './connect-chain';

/**
 * Security profile permissions (API names from "List of security profile permissions" in the
 * Amazon Connect Administrator Guide). Written out in full so a review sees exactly what an agent
 * and a supervisor may do.
 */
export const SECURITY_PROFILE_PERMISSIONS = {
  /** Take and make contacts in the agent workspace, transfer, see their own contacts. */
  Agent: ['BasicAgentAccess', 'OutboundCallAccess', 'TransferDestinations.View'],
  /** Everything an agent does, plus real-time/historical metrics, contact search, recordings, listen-in. */
  Supervisor: [
    'BasicAgentAccess',
    'OutboundCallAccess',
    'TransferDestinations.View',
    'AccessMetrics',
    'RealtimeContactLens.View',
    'ContactSearch.View',
    'ContactAttributes.View',
    'ListenCallRecordings',
    'ManagerListenIn',
    'Queues.View',
    'RoutingPolicies.View',
    'HoursOfOperation.View',
    'Users.View',
    'AgentStates.View',
  ],
} as const satisfies Record<string, readonly string[]>;

export type SecurityProfileName = keyof typeof SECURITY_PROFILE_PERMISSIONS;

export interface ConnectAgentsProps {
  /** ARN of the Connect instance. */
  readonly instanceArn: string;
  /** How the instance manages identities: passwords are generated only for CONNECT_MANAGED. */
  readonly identityManagementType: 'CONNECT_MANAGED' | 'SAML' | 'EXISTING_DIRECTORY';
  /** ARN of the routing profile every agent gets. */
  readonly routingProfileArn: string;
  /**
   * Agents to create as Connect users.
   * @default - none (SAML instances must leave this empty: users come from the identity provider)
   */
  readonly agents?: readonly AgentConfig[];
  /** Key that encrypts the generated password secrets. */
  readonly encryptionKey: kms.IKey;
}

/**
 * Security profiles Agent and Supervisor with explicit permission lists, and one Connect user per
 * configured agent. With CONNECT_MANAGED identities each user's password is generated into its own
 * Secrets Manager secret (`<stack>/connect-users/<username>`, JSON `{ username, password }`) and
 * passed to CloudFormation as a dynamic reference: it never appears in code, config or the template.
 */
export class ConnectAgents extends Construct {
  public readonly securityProfiles: Readonly<Record<SecurityProfileName, connect.CfnSecurityProfile>>;
  /** Users by username. */
  public readonly users: Readonly<Record<string, connect.CfnUser>>;
  /** Generated password secrets by username (CONNECT_MANAGED only). */
  public readonly passwordSecrets: Readonly<Record<string, secretsmanager.Secret>>;

  constructor(scope: Construct, id: string, props: ConnectAgentsProps) {
    super(scope, id);
    const agents = props.agents ?? [];
    if (props.identityManagementType === 'SAML' && agents.length > 0) {
      throw new Error(`ConnectAgents ${id}: with SAML, users come from the identity provider; pass no agents`);
    }

    const profiles = {} as Record<SecurityProfileName, connect.CfnSecurityProfile>;
    for (const name of Object.keys(SECURITY_PROFILE_PERMISSIONS) as SecurityProfileName[]) {
      profiles[name] = new connect.CfnSecurityProfile(this, `${name}SecurityProfile`, {
        instanceArn: props.instanceArn,
        securityProfileName: name,
        description: `${name} (managed by the contact center stack)`,
        permissions: [...SECURITY_PROFILE_PERMISSIONS[name]],
      });
    }
    this.securityProfiles = profiles;

    const users: Record<string, connect.CfnUser> = {};
    const secrets: Record<string, secretsmanager.Secret> = {};
    const stackName = Stack.of(this).stackName;
    for (const agent of agents) {
      const safeId = agent.username.replace(/[^A-Za-z0-9]/g, '');
      let password: string | undefined;
      if (props.identityManagementType === 'CONNECT_MANAGED') {
        const secret = new secretsmanager.Secret(this, `Password${safeId}`, {
          secretName: `${stackName}/connect-users/${agent.username}`,
          description: `Initial Amazon Connect password of ${agent.username}`,
          encryptionKey: props.encryptionKey,
          generateSecretString: {
            secretStringTemplate: JSON.stringify({ username: agent.username }),
            generateStringKey: 'password',
            // Connect: 8–64 characters with upper case, lower case and a digit.
            passwordLength: 24,
            excludePunctuation: true,
            requireEachIncludedType: true,
          },
        });
        Validations.of(secret).acknowledge({
          id: 'AwsSolutions-SMG4',
          reason: `Initial Connect password of ${agent.username}: Secrets Manager rotation would change the secret but not the Connect user (no rotation function exists for UpdateUserPassword); the agent sets their own password after first login.`,
        });
        secrets[agent.username] = secret;
        password = secret.secretValueFromJson('password').unsafeUnwrap();
      }
      users[agent.username] = new connect.CfnUser(this, `User${safeId}`, {
        instanceArn: props.instanceArn,
        username: agent.username,
        password,
        identityInfo: { firstName: agent.firstName, lastName: agent.lastName, email: agent.email },
        phoneConfig: { phoneType: 'SOFT_PHONE', autoAccept: false, afterContactWorkTimeLimit: 60 },
        routingProfileArn: props.routingProfileArn,
        securityProfileArns: [profiles[agent.securityProfile].attrSecurityProfileArn],
      });
    }
    this.users = users;
    this.passwordSecrets = secrets;

    chainDependencies([...Object.values(profiles), ...Object.values(users)]);
  }

  /**
   * Lets both security profiles open a third-party application in the agent workspace (permission
   * `ACCESS`, the only one third-party applications have). `after` is what registers the application
   * with the instance: the profiles wait for it.
   */
  public addApplication(namespace: string, after: IConstruct): void {
    for (const profile of Object.values(this.securityProfiles)) {
      const current = (profile.applications ?? []) as connect.CfnSecurityProfile.ApplicationProperty[];
      profile.applications = [...current, { namespace, applicationPermissions: ['ACCESS'] }];
      profile.node.addDependency(after);
    }
  }

  /** The first Connect resource of this construct (to continue a dependency chain). */
  public get firstResource(): connect.CfnSecurityProfile {
    return this.securityProfiles.Agent;
  }

  /** The last Connect resource of this construct (to continue a dependency chain). */
  public get lastResource(): IConstruct {
    const users = Object.values(this.users);
    return users[users.length - 1] ?? this.securityProfiles.Supervisor;
  }
}
