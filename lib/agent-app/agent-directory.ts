import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { AgentConfig } from '../config';

/** The Cognito groups of the agent app: the agent API reads the role from `cognito:groups`. */
export const AGENT_GROUPS = { agent: 'agents', supervisor: 'supervisors' } as const;

/** The page of the app Cognito's managed login returns to (beside index.html; the app's build writes it). */
export const SIGNED_IN_PAGE = 'signed-in.html';

export interface AgentDirectoryProps {
  /**
   * Prefix of the Cognito domain, `https://<prefix>.auth.<region>.amazoncognito.com` (unique in the
   * region across accounts). See {@link defaultCognitoDomainPrefix}.
   */
  readonly domainPrefix: string;
  /** The app's URL with a trailing slash (`https://<distribution>/`): sign-in returns to `<appUrl>signed-in.html`, sign-out to `<appUrl>`. */
  readonly appUrl: string;
  /**
   * One Cognito user per agent (email from config; invited by email with a temporary password),
   * in group `agents`, or `supervisors` for the Supervisor security profile.
   * @default - none (SAML instances federate their identity provider instead: docs/deploy.md)
   */
  readonly agents?: readonly AgentConfig[];
  /**
   * Cognito threat protection (full function) on the Plus feature plan; off: the Essentials plan.
   * @default false
   */
  readonly threatProtection?: boolean;
  /** @default { accessMinutes: 60, idMinutes: 60, refreshHours: 12 } */
  readonly tokenValidity?: {
    readonly accessMinutes: number;
    readonly idMinutes: number;
    readonly refreshHours: number;
  };
  /**
   * A SAML identity provider federated into the pool (SAML instances): its users sign in through the
   * managed login's button for it. MFA is then the IdP's (Cognito MFA applies to pool users only).
   * @default - none: only users this pool holds
   */
  readonly saml?: { readonly providerName: string; readonly metadataUrl: string; readonly emailAttribute: string };
  /**
   * What happens to the pool when the stack is deleted. Agents are recreated from config; their MFA
   * devices are not, and must be registered again.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** `<stack name>-agents-<account id>`, lower case: unique per account and stack, free of the words Cognito refuses. */
export function defaultCognitoDomainPrefix(scope: Construct): string {
  const stack = Stack.of(scope);
  const base = stack.stackName
    .toLowerCase()
    .replace(/aws|amazon|cognito/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36);
  return `${base || 'contact-center'}-agents-${stack.account}`;
}

/** The managed login's base URL for a domain prefix in the stack's region. */
export function cognitoDomainUrl(scope: Construct, prefix: string): string {
  const stack = Stack.of(scope);
  return `https://${prefix}.auth.${stack.region}.amazoncognito.com`;
}

/**
 * Who may use the agent app: a Cognito user pool that only an administrator (this stack) adds users
 * to, with TOTP MFA required, a strong password policy, groups `agents` and `supervisors`, one user per
 * configured agent, a public app client (authorization code + PKCE through the managed login, no
 * secret: the app runs in the agent's browser) and the managed login domain.
 *
 * Cognito encrypts user pool data at rest with AWS-owned keys; there is no customer-managed key option
 * for the directory itself (only for custom sender triggers, which this pool has none of).
 */
export class AgentDirectory extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly client: cognito.UserPoolClient;
  public readonly domain: cognito.UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  public readonly domainUrl: string;
  public readonly groups: Readonly<Record<keyof typeof AGENT_GROUPS, cognito.CfnUserPoolGroup>>;
  /** Users by username. */
  public readonly users: Readonly<Record<string, cognito.CfnUserPoolUser>>;
  /** The federated SAML identity provider, when configured. */
  public readonly samlProvider?: cognito.UserPoolIdentityProviderSaml;

  constructor(scope: Construct, id: string, props: AgentDirectoryProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.domainPrefix) && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(props.domainPrefix)) {
      throw new Error(
        `AgentDirectory ${id}: domainPrefix "${props.domainPrefix}" must be 1–63 lower-case letters, digits or inner hyphens`,
      );
    }
    if (!Token.isUnresolved(props.appUrl) && !/^https:\/\/.+\/$/.test(props.appUrl)) {
      throw new Error(`AgentDirectory ${id}: appUrl must be an https URL ending in "/", got "${props.appUrl}"`);
    }
    const validity = props.tokenValidity ?? { accessMinutes: 60, idMinutes: 60, refreshHours: 12 };
    const threatProtection = props.threatProtection ?? false;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Agents handle customer data: only an administrator creates accounts.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      mfa: cognito.Mfa.REQUIRED,
      // TOTP only: SMS codes can be intercepted (SIM swap) and need an SNS role and spend limit.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: threatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode: threatProtection ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      userInvitation: {
        emailSubject: 'エージェントアプリのアカウント / Your agent app account',
        emailBody:
          'エージェントアプリのユーザー名は {username}、仮パスワードは {####} です。初回サインインでパスワードを変更し、認証アプリ (TOTP) を登録してください。\n\n' +
          'Your agent app user name is {username} and your temporary password is {####}. At first sign-in you set your own password and register an authenticator app (TOTP).',
      },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    if (!threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection is a config switch (contactCenter.agentApp.threatProtection) because the Plus plan is billed per monthly active user. Without it the pool still admits only administrator-created agents, requires TOTP MFA and a 12-character password with every character class, and answers sign-in errors without revealing which users exist.',
      });
    }

    this.domainUrl = cognitoDomainUrl(this, props.domainPrefix);
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      // Managed login (not the classic hosted UI): it is localized (ja with `lang=ja`) and supports TOTP setup.
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    if (props.saml) {
      this.samlProvider = new cognito.UserPoolIdentityProviderSaml(this, 'Saml', {
        userPool: this.userPool,
        name: props.saml.providerName,
        metadata: cognito.UserPoolIdentityProviderSamlMetadata.url(props.saml.metadataUrl),
        attributeMapping: { email: cognito.ProviderAttribute.other(props.saml.emailAttribute) },
        idpSignout: false,
      });
    }
    this.client = this.userPool.addClient('AppClient', {
      userPoolClientName: 'agent-app',
      // A browser app cannot keep a secret: a public client, authorization code flow with PKCE.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.appUrl}${SIGNED_IN_PAGE}`],
        logoutUrls: [props.appUrl],
      },
      supportedIdentityProviders: [
        cognito.UserPoolClientIdentityProvider.COGNITO,
        ...(props.saml ? [cognito.UserPoolClientIdentityProvider.custom(props.saml.providerName)] : []),
      ],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(validity.accessMinutes),
      idTokenValidity: Duration.minutes(validity.idMinutes),
      refreshTokenValidity: Duration.hours(validity.refreshHours),
      authSessionValidity: Duration.minutes(3),
    });
    // The client names the provider: it must exist first.
    if (this.samlProvider) this.client.node.addDependency(this.samlProvider);
    // Managed login needs a style for the client; Cognito's own look, no assets to upload.
    const branding = new cognito.CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    const agentsGroup = new cognito.CfnUserPoolGroup(this, 'AgentsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: AGENT_GROUPS.agent,
      description: 'Agents: read customer histories, write wrap-ups for their contacts',
      precedence: 10,
    });
    const supervisorsGroup = new cognito.CfnUserPoolGroup(this, 'SupervisorsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: AGENT_GROUPS.supervisor,
      description: 'Supervisors: what agents do, plus reopening resolved inquiries and replacing wrap-ups',
      precedence: 0,
    });
    this.groups = { agent: agentsGroup, supervisor: supervisorsGroup };

    const users: Record<string, cognito.CfnUserPoolUser> = {};
    for (const agent of props.agents ?? []) {
      const safeId = agent.username.replace(/[^A-Za-z0-9]/g, '');
      const user = new cognito.CfnUserPoolUser(this, `User${safeId}`, {
        userPoolId: this.userPool.userPoolId,
        username: agent.username,
        // Cognito emails the temporary password to this address: the address is the administrator's word.
        userAttributes: [
          { name: 'email', value: agent.email },
          { name: 'email_verified', value: 'true' },
          { name: 'name', value: `${agent.lastName} ${agent.firstName}` },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
      const group = agent.securityProfile === 'Supervisor' ? supervisorsGroup : agentsGroup;
      const attachment = new cognito.CfnUserPoolUserToGroupAttachment(this, `Group${safeId}`, {
        userPoolId: this.userPool.userPoolId,
        username: agent.username,
        groupName: group.groupName!,
      });
      // Names are literals: CloudFormation would not see that the attachment needs both.
      attachment.node.addDependency(user, group);
      users[agent.username] = user;
    }
    this.users = users;
  }

  /** The JWT issuer of this pool (`https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  public get issuer(): string {
    return `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
  }
}
