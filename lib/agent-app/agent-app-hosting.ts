import * as path from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { agentAppContentSecurityPolicy } from '../../agent-app/content-security-policy';
import type { AgentAppRuntimeConfig } from '../../agent-app/src/runtime-config';

export interface AgentAppHostingProps {
  /**
   * The only pages allowed to frame the app (CSP `frame-ancestors`): the instance's agent workspace,
   * see {@link agentWorkspaceOrigins}.
   */
  readonly frameAncestors: readonly string[];
  /** Origins besides its own the app fetches from (CSP `connect-src`): the Cognito domain. */
  readonly connectSrc: readonly string[];
  /** Key of the deployment function's log group (the project key). */
  readonly logEncryptionKey: kms.IKey;
  /** config.retention.logDays */
  readonly logRetentionDays: number;
  /**
   * Bucket for the hosting bucket's server access logs (prefix `agent-app/`).
   * @default - no server access logs (cdk-nag S1 then fails synthesis)
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Countries (ISO 3166-1 alpha-2) the distribution answers; empty for all.
   * @default ['JP']
   */
  readonly allowedCountries?: readonly string[];
  /**
   * What happens to the bucket and its key when the stack is deleted. They hold build output only, but
   * S3 refuses to delete a bucket with objects: docs/deploy.md says how to empty and remove both.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** The agent workspace origins of a Connect instance: the only pages that may frame the app. */
export function agentWorkspaceOrigins(instanceAlias: string): string[] {
  return [`https://${instanceAlias}.my.connect.aws`, `https://${instanceAlias}.awsapps.com`];
}

/**
 * Where the agent app is served from: a private, KMS-encrypted, TLS-only S3 bucket read by CloudFront
 * through origin access control, HTTPS only, with security headers on every answer (HSTS, nosniff, no
 * referrer, and the app's Content-Security-Policy whose `frame-ancestors` admits the agent workspace
 * and nothing else). {@link addApi} puts the agent API behind the same origin at `/api/*`;
 * {@link deploy} uploads the built app and its config.json.
 */
export class AgentAppHosting extends Construct {
  public readonly bucket: s3.Bucket;
  /** The bucket's own key: CloudFront's key policy grant cannot name the distribution (a cycle), so it is kept off the project key. */
  public readonly key: kms.Key;
  public readonly distribution: cloudfront.Distribution;
  public readonly responseHeadersPolicy: cloudfront.ResponseHeadersPolicy;
  /** The Content-Security-Policy every answer carries. */
  public readonly contentSecurityPolicy: string;
  /** `https://<distribution domain>` */
  public readonly origin: string;
  /** `https://<distribution domain>/` */
  public readonly url: string;
  private readonly deploymentRole: iam.Role;
  private readonly deploymentLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AgentAppHostingProps) {
    super(scope, id);
    if (props.frameAncestors.length === 0) {
      throw new Error(`AgentAppHosting ${id}: frameAncestors is empty (the app would be framed by nobody)`);
    }
    for (const o of [...props.frameAncestors, ...props.connectSrc]) {
      if (!o.startsWith('https://') || o.endsWith('/')) {
        throw new Error(`AgentAppHosting ${id}: "${o}" must be an https origin without a trailing "/"`);
      }
    }
    const countries = props.allowedCountries ?? ['JP'];

    this.key = new kms.Key(this, 'Key', {
      description: 'Agent app hosting bucket (static build output)',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsBucket ? 'agent-app/' : undefined,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    this.contentSecurityPolicy = agentAppContentSecurityPolicy({
      frameAncestors: props.frameAncestors,
      connectSrc: props.connectSrc,
    });
    this.responseHeadersPolicy = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Agent app: CSP (framed by the Connect agent workspace only), HSTS, nosniff, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        // No X-Frame-Options: it cannot name another origin (ALLOW-FROM is gone); frame-ancestors does.
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Contact center agent app (Amazon Connect agent workspace)',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Japan and the rest of Asia, North America and Europe.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      geoRestriction: countries.length > 0 ? cloudfront.GeoRestriction.allowlist(...countries) : undefined,
    });
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
      "The key encrypts this bucket alone (static build output), so CloudFront's decrypt grant matching any distribution of the account reaches nothing else; naming the distribution would be a key → bucket → distribution → key cycle.",
    );
    const distribution = this.distribution;
    if (countries.length === 0) {
      Validations.of(distribution).acknowledge({
        id: 'AwsSolutions-CFR1',
        reason:
          'contactCenter.agentApp.allowedCountries is [] on purpose (agents work from anywhere); every API call still needs an agent token with TOTP MFA.',
      });
    }
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'A CloudFront web ACL must live in us-east-1 (a second stack for a stack in the Connect region). The distribution serves static build output and the agent API, whose every route needs a Cognito JWT of an MFA-verified agent and is throttled at the stage.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        'Every data request (/api/*) is logged by the agent API: API Gateway access log with the token subject, and the function access trail of every history read. The rest is static build output. CloudFront standard logging needs an ACL-enabled bucket (this stack enforces bucket-owner ownership everywhere) or, for logging v2, a delivery created in us-east-1.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        "The distribution uses CloudFront's default *.cloudfront.net certificate, which the agent workspace frames; a minimum TLS policy needs a custom domain and ACM certificate in us-east-1. Viewers are modern browsers (the agent workspace supports current Chrome, Edge and Firefox), which negotiate TLS 1.2 or 1.3.",
    });

    const domain = this.distribution.distributionDomainName;
    this.origin = `https://${domain}`;
    this.url = `https://${domain}/`;

    // The deployment function's own role and log group: no AWS managed policy, logs encrypted and expiring.
    this.deploymentLogs = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deploymentRole = new iam.Role(this, 'DeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built agent app into its hosting bucket (CDK BucketDeployment)',
    });
    this.deploymentLogs.grantWrite(this.deploymentRole);
  }

  /** Sends `/api/*` to the agent API (host name `<id>.execute-api.<region>.amazonaws.com`), uncached, with every viewer header but Host. */
  public addApi(apiDomainName: string): void {
    this.distribution.addBehavior(
      '/api/*',
      new origins.HttpOrigin(apiDomainName, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // Authorization must reach API Gateway's JWT authorizer; Host must not (it names the API).
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.responseHeadersPolicy,
      },
    );
  }

  /**
   * Uploads the built app (`appDir`, see agentAppDirectory) and its `config.json`. Content-hashed
   * `assets/*` are cached for a year; index.html, signed-in.html and config.json are revalidated on
   * every load, so a deploy shows at the next load without a CloudFront invalidation. Old assets are
   * kept (no prune): an index.html still in a browser's memory can load the scripts it names.
   */
  public deploy(appDir: string, runtimeConfig: AgentAppRuntimeConfig): s3deploy.BucketDeployment[] {
    const common = {
      destinationBucket: this.bucket,
      prune: false,
      role: this.deploymentRole,
      logGroup: this.deploymentLogs,
      memoryLimit: 512,
    };
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [s3deploy.Source.asset(path.join(appDir, 'assets'))],
      destinationKeyPrefix: 'assets/',
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [
        s3deploy.Source.asset(appDir, { exclude: ['assets', 'assets/**'] }),
        s3deploy.Source.jsonData('config.json', runtimeConfig),
      ],
      cacheControl: [s3deploy.CacheControl.noCache()],
    });
    // The pages name the assets: they go up last.
    pages.node.addDependency(assets);
    this.acknowledgeDeploymentFindings();
    return [assets, pages];
  }

  private acknowledgeDeploymentFindings(): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    // How cdk-nag writes the CDK asset bucket's ARN: pseudo parameters where the stack's env is not concrete.
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const qualifier = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
    const assetsBucket = `arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-${account}-${region}`;
    const role = this.deploymentRole;
    const because = (what: string) =>
      `CDK BucketDeployment grants this to its copy function (bucket.grantReadWrite on the hosting bucket, grantRead on the CDK asset bucket); ${what}. The role belongs to that one function, which runs only during deployment.`;
    const acks: Record<string, string> = {
      'AwsSolutions-IAM5[Action::s3:GetObject*]': because('it reads the app zip and the objects it replaces'),
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': because('it reads the buckets’ location and settings'),
      'AwsSolutions-IAM5[Action::s3:List*]': because('it lists the bucket to sync the app files'),
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': because('on the hosting bucket only'),
      'AwsSolutions-IAM5[Action::s3:Abort*]': because('it aborts its own failed multipart uploads'),
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]': because('on the hosting bucket’s own key only'),
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]': because('on the hosting bucket’s own key only'),
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]: because('the objects of the hosting bucket'),
      [`AwsSolutions-IAM5[Resource::${assetsBucket}/*]`]: because(
        'the CDK asset bucket of this account and region, where the app zip is staged (its key is a content hash)',
      ),
    };
    for (const [id, reason] of Object.entries(acks)) Validations.of(role).acknowledge({ id, reason });
    // The copy function is a singleton aws-cdk-lib adds at stack level, with the runtime its Python handler is built for.
    const copier = stack.node
      .findAll()
      .find(
        (c): c is lambda.Function =>
          c instanceof lambda.Function && c.node.path.includes('Custom::CDKBucketDeployment'),
      );
    if (copier) {
      Validations.of(copier).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The BucketDeployment copy function and its runtime come with aws-cdk-lib (a Python handler with the AWS CLI layer); the project cannot choose its runtime, and it moves with aws-cdk-lib upgrades. It runs only during deployment and is not reachable from outside.',
      });
    }
  }
}
