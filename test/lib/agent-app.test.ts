import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DEFAULT_DISPOSITIONS } from '../../lambdas/shared/agent/dispositions';
import { AgentAppHosting, agentWorkspaceOrigins } from '../../lib/agent-app/agent-app-hosting';
import { AgentDirectory, defaultCognitoDomainPrefix } from '../../lib/agent-app/agent-directory';
import { AGENT_APP_IFRAME_SANDBOX, AGENT_APP_PERMISSIONS } from '../../lib/agent-app/agent-workspace-application';
import { agentAppDirectory } from '../../lib/agent-app/app-files';
import { parseConfig } from '../../lib/config';
import { ContactCenterStack } from '../../lib/contact-center-stack';
import { testApp } from './test-app';

/** Template JSON, read by the assertions below (its shape is CloudFormation's, checked value by value). */
// biome-ignore lint/suspicious/noExplicitAny: template JSON is walked freely; every value read is asserted.
type Cfn = Record<string, any>;

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
// Lambda bundles and the app build play no part in these templates: skip them (the placeholder page stands in).
const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

const DISPOSITIONS = [
  { id: 'resolved', ja: '解決', en: 'Resolved' },
  { id: 'callback', ja: '折り返し', en: 'Call back' },
];
const config = parseConfig({
  instanceAlias: 'acme-support',
  agents: [
    { username: 'sato', firstName: '花子', lastName: '佐藤', email: 'sato@example.com' },
    {
      username: 'suzuki',
      firstName: '一郎',
      lastName: '鈴木',
      email: 'suzuki@example.com',
      securityProfile: 'Supervisor',
    },
  ],
  agentApp: { dispositions: DISPOSITIONS, cognitoDomainPrefix: 'acme-support-agents' },
});
const stack = new ContactCenterStack(testApp(NO_BUNDLING), 'Test', { config, env: ENV });
const template = Template.fromStack(stack);
const app = stack.agentApp!;

const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);
const distributionId = idOf(app.hosting.distribution);
const bucketId = idOf(app.hosting.bucket);
const poolId = idOf(app.directory.userPool);
const clientId = idOf(app.directory.client);
const apiId = idOf(app.api.api);

/** A resolved `Fn::Join` as text, with `{Ref}` / `{GetAtt}` placeholders for what only deploy time knows. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v['Fn::Join']) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(text).join(sep);
  }
  if (v.Ref) return `{${v.Ref as string}}`;
  if (v['Fn::GetAtt']) return `{${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  return JSON.stringify(value);
}

function onlyResource(type: string, props: Record<string, unknown> = {}): { id: string; props: Cfn } {
  const found = template.findResources(type, { Properties: Match.objectLike(props) });
  const ids = Object.keys(found);
  expect(ids).toHaveLength(1);
  return { id: ids[0]!, props: found[ids[0]!]!.Properties };
}

describe('hosting bucket', () => {
  test('private, KMS-encrypted with its own key, TLS only, server access logs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [idOf(app.hosting.key), 'Arn'] },
            },
            BucketKeyEnabled: true,
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'agent-app/' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  test('only this distribution reads it (origin access control), and never over plain HTTP', () => {
    const policy = onlyResource('AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } }).props;
    const statements = policy.PolicyDocument.Statement as Cfn[];
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: {
            StringEquals: {
              'AWS:SourceArn': {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':cloudfront::',
                    { Ref: 'AWS::AccountId' },
                    ':distribution/',
                    { Ref: distributionId },
                  ],
                ],
              },
            },
          },
        }),
      ]),
    );
    // Nobody else is allowed anything.
    for (const s of statements.filter((x) => x.Effect === 'Allow')) {
      expect(s.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    }
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });
});

describe('distribution', () => {
  const config = () => onlyResource('AWS::CloudFront::Distribution').props.DistributionConfig as Cfn;

  test('S3 origin through OAC, HTTPS only, security headers, index.html at the root, allowed countries', () => {
    const dc = config();
    const s3Origin = (dc.Origins as Cfn[]).find((o) => o.S3OriginConfig);
    expect(s3Origin).toBeDefined();
    expect(s3Origin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    expect(dc.DefaultRootObject).toBe('index.html');
    expect(dc.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin?.Id,
      ViewerProtocolPolicy: 'https-only',
      ResponseHeadersPolicyId: { Ref: idOf(app.hosting.responseHeadersPolicy) },
    });
    expect(dc.Restrictions).toEqual({ GeoRestriction: { Locations: ['JP'], RestrictionType: 'whitelist' } });
  });

  test('/api/* goes to the agent API uncached, over TLS 1.2, with every viewer header but Host (Authorization included)', () => {
    const dc = config();
    expect(dc.CacheBehaviors).toHaveLength(1);
    const api = dc.CacheBehaviors[0];
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      // Managed policies CachingDisabled and AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      ResponseHeadersPolicyId: { Ref: idOf(app.hosting.responseHeadersPolicy) },
    });
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'PUT', 'POST', 'OPTIONS']));
    const origin = (dc.Origins as Cfn[]).find((o) => o.Id === api.TargetOriginId);
    expect(origin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(origin?.DomainName).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }] }],
    });
  });

  test('the CSP lets the instance’s agent workspace frame the app and nothing else; HSTS, nosniff, no referrer', () => {
    const rhp = onlyResource('AWS::CloudFront::ResponseHeadersPolicy').props.ResponseHeadersPolicyConfig
      .SecurityHeadersConfig as Cfn;
    const csp = text(rhp.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['frame-ancestors']).toEqual([
      'https://acme-support.my.connect.aws',
      'https://acme-support.awsapps.com',
    ]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      'https://acme-support-agents.auth.ap-northeast-1.amazoncognito.com',
    ]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(rhp.ContentSecurityPolicy.Override).toBe(true);
    expect(rhp.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(rhp.StrictTransportSecurity.Override).toBe(true);
    expect(rhp.ContentTypeOptions).toEqual({ Override: true });
    expect(rhp.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    // X-Frame-Options would forbid the workspace's frame: frame-ancestors governs instead.
    expect(rhp.FrameOptions).toBeUndefined();
  });

  test('the app files go up with config.json: hashed assets cached for a year, pages revalidated', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    const byPrefix = Object.values(deployments).map((d) => d.Properties as Cfn);
    expect(byPrefix).toHaveLength(2);
    const assets = byPrefix.find((d) => d.DestinationBucketKeyPrefix === 'assets/')!;
    const pages = byPrefix.find((d) => d.DestinationBucketKeyPrefix === undefined)!;
    expect(assets.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(pages.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(assets.Prune).toBe(false);
    expect(pages.Prune).toBe(false);
    // The pages: the built directory and config.json (whose client id and domain are deploy-time markers).
    expect(pages.SourceObjectKeys).toHaveLength(2);
    expect(JSON.stringify(pages.SourceMarkers)).toContain(clientId);
    for (const d of [assets, pages]) expect(d.DestinationBucketName).toEqual({ Ref: bucketId });
  });
});

describe('agent API', () => {
  const routes = () =>
    Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { ApiId: { Ref: apiId } } })).map(
      (r) => r.Properties as Cfn,
    );

  test('every route needs the Cognito JWT (none anonymous); the one route proxies /api/*', () => {
    const authorizer = onlyResource('AWS::ApiGatewayV2::Authorizer', { ApiId: { Ref: apiId } });
    expect(routes().map((r) => r.RouteKey)).toEqual(['ANY /api/{proxy+}']);
    for (const r of routes()) {
      expect(r.AuthorizationType).toBe('JWT');
      expect(r.AuthorizerId).toEqual({ Ref: authorizer.id });
    }
  });

  test('the authorizer trusts the agent pool (issuer) and the app client (audience), from the Authorization header', () => {
    const { props } = onlyResource('AWS::ApiGatewayV2::Authorizer', { ApiId: { Ref: apiId } });
    expect(props.AuthorizerType).toBe('JWT');
    expect(props.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(props.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(text(props.JwtConfiguration.Issuer)).toBe(`https://cognito-idp.ap-northeast-1.amazonaws.com/{${poolId}}`);
  });

  test('the stage is throttled and logs every request with the token subject', () => {
    const { props } = onlyResource('AWS::ApiGatewayV2::Stage', { ApiId: { Ref: apiId } });
    expect(props.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 40, ThrottlingRateLimit: 20 });
    expect(JSON.parse(props.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      sub: '$context.authorizer.claims.sub',
    });
  });

  test('the function gets the table (read/write), country, time zone and the configured dispositions', () => {
    const fnId = idOf(app.api.handler);
    const fn = template.toJSON().Resources[fnId].Properties;
    const env = fn.Environment.Variables;
    expect(env.CUSTOMER_TABLE_NAME).toEqual({
      Ref: stack.getLogicalId(stack.customerTable.node.defaultChild as never),
    });
    expect(env.DEFAULT_COUNTRY).toBe('JP');
    expect(env.TIME_ZONE).toBe('Asia/Tokyo');
    expect(JSON.parse(env.AGENT_DISPOSITIONS)).toEqual(DISPOSITIONS);
    const role = app.api.handler.role!;
    const policy = onlyResource('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as never) }],
      PolicyName: Match.stringLikeRegexp('DefaultPolicy'),
    }).props;
    const dynamo = (policy.PolicyDocument.Statement as Cfn[]).find((s) =>
      [].concat(s.Action).some((a: string) => a.startsWith('dynamodb:')),
    )!;
    expect(dynamo.Action).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query']),
    );
    expect(JSON.stringify(dynamo.Resource)).toContain(
      stack.getLogicalId(stack.customerTable.node.defaultChild as never),
    );
    expect(JSON.stringify(dynamo.Resource)).not.toContain('"*"');
  });

  test('dispositions default to the shared list', () => {
    expect(parseConfig({}).agentApp.dispositions).toEqual(DEFAULT_DISPOSITIONS);
  });
});

describe('agent workspace registration', () => {
  test('an AppIntegrations application at the app URL with exactly the permissions it uses and a sandboxed iframe', () => {
    const { props } = onlyResource('AWS::AppIntegrations::Application');
    expect(text(props.ApplicationSourceConfig.ExternalUrlConfig.AccessUrl)).toBe(
      `https://{${distributionId}.DomainName}/`,
    );
    expect(props.ApplicationSourceConfig.ExternalUrlConfig.ApprovedOrigins.map(text)).toEqual([
      `https://{${distributionId}.DomainName}`,
    ]);
    expect(props.Permissions).toEqual(['User.Details.View', 'Contact.Details.View', 'Contact.Attributes.View']);
    expect(props.Permissions).toEqual([...AGENT_APP_PERMISSIONS]);
    expect(props.IframeConfig).toEqual({
      Sandbox: ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-popups'],
    });
    expect(props.IframeConfig.Sandbox).toEqual([...AGENT_APP_IFRAME_SANDBOX]);
    expect(props.Namespace).toBe('Test-agent-app');
  });

  test('associated with the instance (APPLICATION), its origin approved, and granted to both security profiles', () => {
    const application = onlyResource('AWS::AppIntegrations::Application').id;
    const instanceArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.connect.instance), 'Arn'] };
    const association = onlyResource('AWS::Connect::IntegrationAssociation', { IntegrationType: 'APPLICATION' });
    expect(association.props).toEqual({
      InstanceId: instanceArn,
      IntegrationArn: { 'Fn::GetAtt': [application, 'ApplicationArn'] },
      IntegrationType: 'APPLICATION',
    });
    const origin = Object.values(template.findResources('AWS::Connect::ApprovedOrigin')).find(
      (o) => text(o.Properties.Origin) === `https://{${distributionId}.DomainName}`,
    );
    expect(origin?.Properties.InstanceId).toEqual(instanceArn);
    const profiles = template.findResources('AWS::Connect::SecurityProfile');
    expect(Object.keys(profiles)).toHaveLength(2);
    for (const p of Object.values(profiles)) {
      expect(p.Properties.Applications).toEqual([{ Namespace: 'Test-agent-app', ApplicationPermissions: ['ACCESS'] }]);
      // The namespace is a literal: the profile must wait for the association explicitly.
      expect(p.DependsOn).toContain(association.id);
    }
  });
});

describe('agent directory (Cognito)', () => {
  test('administrators create every user; TOTP MFA required; strong passwords', () => {
    const { props } = onlyResource('AWS::Cognito::UserPool');
    expect(props.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(props.MfaConfiguration).toBe('ON');
    expect(props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(props.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(props.UserPoolTier).toBe('ESSENTIALS');
    expect(props.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
  });

  test('groups agents and supervisors; one user per configured agent, in the group of their security profile', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['agents', 'supervisors']);
    const users = Object.values(template.findResources('AWS::Cognito::UserPoolUser')).map((u) => u.Properties);
    expect(
      users.map((u) => [u.Username, u.UserAttributes.find((a: { Name: string }) => a.Name === 'email').Value]),
    ).toEqual([
      ['sato', 'sato@example.com'],
      ['suzuki', 'suzuki@example.com'],
    ]);
    for (const u of users) {
      expect(u.UserPoolId).toEqual({ Ref: poolId });
      expect(u.DesiredDeliveryMediums).toEqual(['EMAIL']);
    }
    const attachments = Object.values(template.findResources('AWS::Cognito::UserPoolUserToGroupAttachment'));
    expect(attachments.map((a) => [a.Properties.Username, a.Properties.GroupName])).toEqual([
      ['sato', 'agents'],
      ['suzuki', 'supervisors'],
    ]);
    // Literal names: the attachment waits for its user and group explicitly.
    for (const a of attachments) expect(a.DependsOn).toHaveLength(2);
  });

  test('a public client: code flow with PKCE, no secret, back to signed-in.html, short tokens, no user enumeration', () => {
    const { props } = onlyResource('AWS::Cognito::UserPoolClient', { UserPoolId: { Ref: poolId } });
    expect(props.GenerateSecret).toBe(false);
    expect(props.AllowedOAuthFlows).toEqual(['code']);
    expect(props.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    expect(props.CallbackURLs.map(text)).toEqual([`https://{${distributionId}.DomainName}/signed-in.html`]);
    expect(props.LogoutURLs.map(text)).toEqual([`https://{${distributionId}.DomainName}/`]);
    expect(props.PreventUserExistenceErrors).toBe('ENABLED');
    expect(props.AccessTokenValidity).toBe(60);
    expect(props.RefreshTokenValidity).toBe(12 * 60);
    expect(props.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  test('managed login on the configured domain prefix', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'acme-support-agents',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: poolId },
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
  });

  test('outputs: app URL, user pool, API URL', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(text(outputs.AgentAppUrl?.Value)).toBe(`https://{${distributionId}.DomainName}/`);
    expect(outputs.AgentUserPoolId?.Value).toEqual({ Ref: poolId });
    expect(text(outputs.AgentApiUrl?.Value)).toBe(`https://{${distributionId}.DomainName}/api`);
  });
});

describe('config switches', () => {
  test('threatProtection: Plus plan with full-function threat protection; a SAML IdP federated into the pool', () => {
    const plus = new ContactCenterStack(testApp(NO_BUNDLING), 'Plus', {
      config: parseConfig({
        identityManagement: { type: 'SAML' },
        agentApp: {
          threatProtection: true,
          allowedCountries: [],
          saml: { providerName: 'CorpIdP', metadataUrl: 'https://idp.example.com/metadata.xml' },
        },
      }),
      env: ENV,
    });
    const t = Template.fromStack(plus);
    const idp = Object.entries(t.findResources('AWS::Cognito::UserPoolIdentityProvider'));
    expect(idp).toHaveLength(1);
    expect(idp[0]![1].Properties).toMatchObject({
      ProviderName: 'CorpIdP',
      ProviderType: 'SAML',
      ProviderDetails: { MetadataURL: 'https://idp.example.com/metadata.xml' },
      AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
    });
    const client = Object.values(t.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'CorpIdP']);
    expect(client.DependsOn).toContain(idp[0]![0]);
    // SAML instances configure no agents: no pool users.
    t.resourceCountIs('AWS::Cognito::UserPoolUser', 0);
    t.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    // Default domain prefix: stack name and account.
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'plus-agents-123456789012' });
    // allowedCountries [] lifts the geo restriction.
    const dc = Object.values(t.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(dc.Restrictions).toBeUndefined();
  });

  test('a synth warning when nobody could sign in (no agents, no SAML provider); none otherwise', () => {
    const empty = new ContactCenterStack(testApp(NO_BUNDLING), 'Empty', { config: parseConfig({}), env: ENV });
    Annotations.fromStack(empty).hasWarning(
      '/Empty/AgentApp',
      Match.stringLikeRegexp('The agent app has no users: configure agents'),
    );
    Annotations.fromStack(stack).hasNoWarning('/Test/AgentApp', Match.anyValue());
  });

  test('enabled: false deploys no agent app and leaves the security profiles without applications', () => {
    const off = new ContactCenterStack(testApp(NO_BUNDLING), 'Off', {
      config: parseConfig({ agentApp: { enabled: false } }),
      env: ENV,
    });
    const t = Template.fromStack(off);
    expect(off.agentApp).toBeUndefined();
    for (const type of [
      'AWS::Cognito::UserPool',
      'AWS::CloudFront::Distribution',
      'AWS::AppIntegrations::Application',
      'Custom::CDKBucketDeployment',
    ]) {
      t.resourceCountIs(type, 0);
    }
    for (const p of Object.values(t.findResources('AWS::Connect::SecurityProfile'))) {
      expect(p.Properties.Applications).toBeUndefined();
    }
    expect(t.toJSON().Outputs.AgentAppUrl).toBeUndefined();
  });
});

describe('construct contracts', () => {
  const scratch = () => new Stack(new App(), 'Scratch', { env: ENV });

  test('workspace origins of an instance alias', () => {
    expect(agentWorkspaceOrigins('acme')).toEqual(['https://acme.my.connect.aws', 'https://acme.awsapps.com']);
  });

  test('the default Cognito prefix drops the words Cognito refuses', () => {
    const s = new Stack(new App(), 'AwsCognitoCenter', { env: ENV });
    expect(defaultCognitoDomainPrefix(s)).toBe('center-agents-123456789012');
  });

  test('bad props are refused at synth with the reason', () => {
    expect(
      () => new AgentDirectory(scratch(), 'D', { domainPrefix: 'Bad_Prefix', appUrl: 'https://x.example/' }),
    ).toThrow(/domainPrefix "Bad_Prefix" must be 1–63 lower-case letters/);
    expect(() => new AgentDirectory(scratch(), 'D', { domainPrefix: 'ok', appUrl: 'http://x.example/' })).toThrow(
      /appUrl must be an https URL ending in "\/"/,
    );
    const s = scratch();
    const key = new kms.Key(s, 'K');
    expect(
      () =>
        new AgentAppHosting(s, 'H', { frameAncestors: [], connectSrc: [], logEncryptionKey: key, logRetentionDays: 7 }),
    ).toThrow(/frameAncestors is empty/);
    expect(
      () =>
        new AgentAppHosting(s, 'H2', {
          frameAncestors: ['https://a.my.connect.aws/'],
          connectSrc: [],
          logEncryptionKey: key,
          logRetentionDays: 7,
        }),
    ).toThrow(/must be an https origin without a trailing/);
  });

  test('with bundling on, the asset directory is the real build: index.html and the scripts it loads', () => {
    const dir = agentAppDirectory(scratch());
    const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    const scripts = [...index.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(fs.existsSync(path.join(dir, s))).toBe(true);
    // Built once per process, then reused.
    expect(agentAppDirectory(scratch())).toBe(dir);
  });
});
