import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ResourcelessGrant } from './resourceless-grant';

/** Repository root: handler entries and the lock file are resolved from here. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface ProjectFunctionProps {
  /** Handler entry relative to the repository root, e.g. 'lambdas/ivr-lookup/handler.ts' (exports `handler`). */
  readonly entry: string;
  /**
   * What the function does, shown in the Lambda console.
   * @default - no description
   */
  readonly description?: string;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  /**
   * Extra environment variables (encrypted at rest with `encryptionKey`).
   * @default - only NODE_OPTIONS=--enable-source-maps (see `runtimeSourceMaps`)
   */
  readonly environment?: Record<string, string>;
  /**
   * Concurrency reserved for this function, which is also its ceiling. It comes out of the
   * account's unreserved pool, which Lambda keeps at 100 or more (a deploy that would leave less
   * fails). 0 would throttle every invocation and is refused: leave it out for no reservation.
   * @default - none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /** Log group retention in days (config.retention.logDays). */
  readonly logRetentionDays: number;
  /** Customer-managed key for the log group and environment variables. */
  readonly encryptionKey: kms.IKey;
  /**
   * Bundle the AWS SDK v3 into the function instead of loading the runtime's copy from
   * /var/runtime/node_modules. esbuild then resolves the SDK's ES module builds
   * (`mainFields: module, main`) and keeps only what the handler uses, which loads faster at cold
   * start than the runtime's full CommonJS packages (bench/ivr-lookup.ts) and pins the SDK to the
   * lock file. Costs a larger asset (about 0.4 MB minified for DynamoDB, against 0.18 MB).
   *
   * The bundled SDK takes its credentials from the environment only
   * (`lambdas/shared/aws/lambda-environment-credentials.ts` replaces the default provider chain): in
   * Lambda the execution role's credentials are always there, and the rest of the chain is code that
   * every cold start parses and no invocation uses.
   * @default false - '@aws-sdk/*' stays external (the Node.js 24 runtime ships it)
   */
  readonly bundleAwsSdk?: boolean;
  /**
   * Load the bundle's source map when the function starts (NODE_OPTIONS=--enable-source-maps), so
   * logged stack traces point into the TypeScript sources. Node reads and parses the map as it loads
   * the bundle, which lengthens every cold start (bench/ivr-lookup.ts measures it); with `false` the
   * map is still built and shipped next to index.js, to decode a logged stack trace offline.
   * @default true
   */
  readonly runtimeSourceMaps?: boolean;
  /**
   * Directories copied into the asset next to index.js after bundling (data files a library reads
   * from disk at run time, which esbuild cannot bundle): `from` relative to the repository root,
   * `to` relative to the function directory (/var/task). Copied by a bundling command hook, so the
   * asset hash covers them.
   * @default - none
   */
  readonly assetDirectories?: readonly { readonly from: string; readonly to: string }[];
}

/** What the bundled SDK's `@aws-sdk/credential-provider-node` is replaced with (see `bundleAwsSdk`). */
export const LAMBDA_CREDENTIALS_MODULE = path.join(REPO_ROOT, 'lambdas/shared/aws/lambda-environment-credentials.ts');

/**
 * The esbuild options of every ProjectFunction bundle, in esbuild's own terms, so a benchmark can
 * build the very same bundle without CDK (bench/ivr-lookup.ts imports this; the construct maps it
 * onto NodejsFunction's `bundling`).
 */
export function projectEsbuildOptions(opts: { bundleAwsSdk?: boolean } = {}) {
  return {
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    target: 'node24',
    // CommonJS, also when the SDK is bundled: measured faster to initialise than ESM output, whose
    // hoisted imports load every Node built-in the SDK names (child_process, dgram, ...) up front,
    // while CommonJS keeps the credential providers Lambda never reaches lazy.
    format: 'cjs',
    external: opts.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    // The SDK's ES module builds tree-shake; its CommonJS builds (esbuild's default for node) do not.
    mainFields: opts.bundleAwsSdk ? ['module', 'main'] : undefined,
    // Environment credentials only, in place of the SDK's default provider chain (see `bundleAwsSdk`).
    alias: opts.bundleAwsSdk ? { '@aws-sdk/credential-provider-node': LAMBDA_CREDENTIALS_MODULE } : undefined,
  } as const;
}

/** Keys whose policy already lets CloudWatch Logs use them (one statement per key, not per function). */
const keysOpenToLogs = new WeakSet<kms.IKey>();

/**
 * The one way this project builds a Lambda function (Powertools' `FunctionWithLogGroup` idea):
 * Node.js 24 (the newest Lambda runtime: cdk-nag L1) on ARM64, X-Ray active tracing, an explicit KMS-encrypted log group with retention,
 * environment encrypted with the project key, and an esbuild bundle (minified, source maps on)
 * built with the local esbuild — no Docker, no network.
 *
 * The `use*` helpers set an environment variable and grant the matching access in one call.
 */
export class ProjectFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    const entry = path.resolve(REPO_ROOT, props.entry);
    if (path.isAbsolute(props.entry)) {
      throw new Error(`ProjectFunction ${id}: entry must be relative to the repository root, got "${props.entry}"`);
    }
    if (!fs.existsSync(entry)) {
      throw new Error(`ProjectFunction ${id}: entry "${props.entry}" does not exist (resolved to ${entry})`);
    }
    if (!LOG_RETENTION.has(props.logRetentionDays)) {
      throw new Error(
        `ProjectFunction ${id}: logRetentionDays ${props.logRetentionDays} is not a CloudWatch Logs retention value`,
      );
    }
    const reserved = props.reservedConcurrentExecutions;
    if (reserved !== undefined && (!Number.isInteger(reserved) || reserved < 1)) {
      throw new Error(
        `ProjectFunction ${id}: reservedConcurrentExecutions must be a whole number ≥ 1 (0 would stop the function; omit it for none)`,
      );
    }
    const memorySize = props.memorySize ?? 512;
    if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240) {
      throw new Error(`ProjectFunction ${id}: memorySize must be an integer between 128 and 10240 MB`);
    }

    // The log group must exist before the function so Lambda never creates an unencrypted one.
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.encryptionKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Own role without the AWS managed AWSLambdaBasicExecutionRole: it may write only to its own log group.
    const role = new iam.Role(scope, `${id}ServiceRole`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    logGroup.grantWrite(role);

    for (const dir of props.assetDirectories ?? []) {
      if (path.isAbsolute(dir.from) || !fs.existsSync(path.resolve(REPO_ROOT, dir.from))) {
        throw new Error(
          `ProjectFunction ${id}: assetDirectories "${dir.from}" must be a directory relative to the repository root`,
        );
      }
      if (path.isAbsolute(dir.to) || dir.to.split(/[\\/]/).includes('..') || !/^[\w./-]+$/.test(dir.to)) {
        throw new Error(`ProjectFunction ${id}: assetDirectories target "${dir.to}" must be a plain relative path`);
      }
    }
    const esbuild = projectEsbuildOptions({ bundleAwsSdk: props.bundleAwsSdk });
    super(scope, id, {
      entry,
      role,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // Tracing is switched on below, so that its Resource "*" grant stays out of the role's default policy.
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize,
      reservedConcurrentExecutions: reserved,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environmentEncryption: props.encryptionKey,
      environment: {
        ...((props.runtimeSourceMaps ?? true) ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
      },
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: {
        minify: esbuild.minify,
        sourceMap: esbuild.sourcemap,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: esbuild.sourcesContent,
        target: esbuild.target,
        format: OutputFormat.CJS,
        // By default the Node.js 24 runtime's AWS SDK v3 is used (smaller asset); see `bundleAwsSdk`.
        bundleAwsSDK: props.bundleAwsSdk ?? false,
        externalModules: [...esbuild.external],
        mainFields: esbuild.mainFields ? [...esbuild.mainFields] : undefined,
        // esbuild's --alias:<package>=<path>; NodejsFunction has no typed option for it.
        esbuildArgs: esbuild.alias
          ? { '--alias': Object.entries(esbuild.alias).map(([from, to]) => `${from}=${to}`) }
          : undefined,
        forceDockerBundling: false,
        commandHooks: props.assetDirectories?.length
          ? {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (inputDir: string, outputDir: string) =>
                (props.assetDirectories ?? []).map(
                  (dir) =>
                    `mkdir -p "${path.posix.join(outputDir, path.posix.dirname(dir.to))}" && ` +
                    `cp -R "${path.posix.join(inputDir, dir.from)}" "${path.posix.join(outputDir, dir.to)}"`,
                ),
            }
          : undefined,
      },
    });

    // X-Ray active tracing. Lambda's own `tracing` option would add xray:PutTraceSegments and
    // xray:PutTelemetryRecords on "*" to the role's default policy, where acknowledging
    // `Resource::*` would also hide any other statement on "*". They get a policy of their own
    // instead (ResourcelessGrant), and the default policy stays under cdk-nag's watch.
    const tracing = new ResourcelessGrant(this, 'TracingPolicy', {
      role,
      purpose: 'Lambda active tracing',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
    });
    (this.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode: lambda.Tracing.ACTIVE };
    // Lambda refuses active tracing to a role that cannot write to X-Ray yet.
    this.node.addDependency(tracing);

    props.encryptionKey.grantDecrypt(this);
    allowCloudWatchLogs(props.encryptionKey);
  }

  /** The function's explicit, KMS-encrypted log group (created with the function, deleted with the stack). */
  public override get logGroup(): logs.LogGroup {
    // The base class holds the group passed as `logGroup`, which is always a LogGroup here.
    return super.logGroup as logs.LogGroup;
  }

  /** Sets env var `envName` to the table name and grants read or read/write. */
  public useTable(envName: string, table: dynamodb.ITableV2, access: 'read' | 'readWrite'): this {
    this.addEnvironment(envName, table.tableName);
    if (access === 'read') table.grantReadData(this);
    else table.grantReadWriteData(this);
    return this;
  }

  /** Sets env var `envName` to the queue URL and grants send. */
  public useQueue(envName: string, queue: sqs.IQueue, access: 'send'): this {
    this.addEnvironment(envName, queue.queueUrl);
    if (access === 'send') queue.grantSendMessages(this);
    return this;
  }

  /** Sets env var `envName` to the bucket name and grants read (GetObject/List), write (PutObject) or both. */
  public useBucket(envName: string, bucket: s3.IBucket, access: 'read' | 'write' | 'readWrite'): this {
    this.addEnvironment(envName, bucket.bucketName);
    if (access === 'read') bucket.grantRead(this);
    else if (access === 'write') bucket.grantPut(this);
    else {
      bucket.grantRead(this);
      bucket.grantPut(this);
    }
    return this;
  }
}

const LOG_RETENTION = new Set<number>(
  Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v > 0),
);

/**
 * Lets CloudWatch Logs in this region encrypt log groups of this account with `key`
 * (no-op for imported keys, whose policy this stack cannot change).
 */
export function allowCloudWatchLogs(key: kms.IKey): void {
  if (keysOpenToLogs.has(key)) return;
  keysOpenToLogs.add(key);
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
}
