import { Annotations, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AgentAppRuntimeConfig } from '../../agent-app/src/runtime-config';
import type { AgentAppConfig, AgentConfig, LanguageCode } from '../config';
import { AGENT_API_BASE, AgentApi } from './agent-api';
import { AgentAppHosting, agentWorkspaceOrigins } from './agent-app-hosting';
import { AgentDirectory, cognitoDomainUrl, defaultCognitoDomainPrefix, SIGNED_IN_PAGE } from './agent-directory';
import { AgentWorkspaceApplication } from './agent-workspace-application';
import { agentAppDirectory } from './app-files';

export interface AgentAppProps {
  /** ARN of the Connect instance the app is registered with. */
  readonly instanceArn: string;
  /** The instance alias: its agent workspace origins are the only pages that may frame the app. */
  readonly instanceAlias: string;
  readonly customerTable: dynamodb.ITableV2;
  /** The project key: the function's environment and the log groups. */
  readonly encryptionKey: kms.IKey;
  /** config.retention.logDays */
  readonly logRetentionDays: number;
  /** config.defaultCountry */
  readonly defaultCountry: string;
  /** config.timeZone */
  readonly timeZone: string;
  /** The center's first language (the app's default locale). */
  readonly defaultLocale: LanguageCode;
  /** config.agentApp */
  readonly settings: AgentAppConfig;
  /**
   * Agents to create as Cognito users (config.agents).
   * @default - none
   */
  readonly agents?: readonly AgentConfig[];
  /**
   * Server access logs of the hosting bucket.
   * @default - none
   */
  readonly accessLogsBucket?: s3.IBucket;
}

/**
 * The agent app, deployed: who may sign in ({@link AgentDirectory}), the API they call
 * ({@link AgentApi}), where the app is served ({@link AgentAppHosting}, the API behind the same origin)
 * and its registration with the Connect instance ({@link AgentWorkspaceApplication}). The stack grants
 * the application to the security profiles (ConnectAgents.addApplication).
 */
export class AgentApp extends Construct {
  public readonly directory: AgentDirectory;
  public readonly api: AgentApi;
  public readonly hosting: AgentAppHosting;
  public readonly workspace: AgentWorkspaceApplication;
  /** `https://<distribution>/` */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: AgentAppProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const settings = props.settings;
    const domainPrefix = settings.cognitoDomainPrefix ?? defaultCognitoDomainPrefix(this);
    const domainUrl = cognitoDomainUrl(this, domainPrefix);

    this.hosting = new AgentAppHosting(this, 'Hosting', {
      frameAncestors: agentWorkspaceOrigins(props.instanceAlias),
      connectSrc: [domainUrl],
      logEncryptionKey: props.encryptionKey,
      logRetentionDays: props.logRetentionDays,
      accessLogsBucket: props.accessLogsBucket,
      allowedCountries: settings.allowedCountries,
    });
    this.url = this.hosting.url;

    if ((props.agents ?? []).length === 0 && !settings.saml) {
      Annotations.of(this).addWarningV2(
        'contact-center:agentAppWithoutUsers',
        'The agent app has no users: configure agents (CONNECT_MANAGED) or agentApp.saml (SAML instances), or create users in the Cognito pool yourself (docs/deploy.md#giving-agents-access).',
      );
    }
    this.directory = new AgentDirectory(this, 'Directory', {
      domainPrefix,
      appUrl: this.url,
      agents: props.agents,
      threatProtection: settings.threatProtection,
      tokenValidity: settings.tokenValidity,
      saml: settings.saml,
    });

    this.api = new AgentApi(this, 'Api', {
      userPool: this.directory.userPool,
      userPoolClient: this.directory.client,
      customerTable: props.customerTable,
      encryptionKey: props.encryptionKey,
      logRetentionDays: props.logRetentionDays,
      defaultCountry: props.defaultCountry,
      timeZone: props.timeZone,
      dispositions: settings.dispositions,
      throttling: settings.throttling,
    });
    this.hosting.addApi(this.api.domainName);

    const runtimeConfig: AgentAppRuntimeConfig = {
      apiBase: AGENT_API_BASE,
      timeZone: props.timeZone,
      defaultLocale: props.defaultLocale,
      contactSource: 'connect',
      auth: {
        mode: 'cognito',
        region: stack.region,
        userPoolClientId: this.directory.client.userPoolClientId,
        domain: this.directory.domainUrl,
        redirectUri: `${this.url}${SIGNED_IN_PAGE}`,
      },
    };
    this.hosting.deploy(agentAppDirectory(this), runtimeConfig);

    this.workspace = new AgentWorkspaceApplication(this, 'Workspace', {
      instanceArn: props.instanceArn,
      accessUrl: this.url,
      origin: this.hosting.origin,
      name: `${stack.stackName} agent app`,
      namespace: `${stack.stackName}-agent-app`,
    });
  }
}
