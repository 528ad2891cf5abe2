import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { build } from 'esbuild';
import { ProjectFunction, projectEsbuildOptions } from '../../lib/constructs/project-function';

const ENTRY = 'test/lib/fixtures/hello-handler.ts';

// One synthesis (with a real esbuild bundle) shared by the whole file.
const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'pf-')) });
const stack = new Stack(app, 'FnStack');
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
const table = new dynamodb.TableV2(stack, 'Table', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
});
const queue = new sqs.Queue(stack, 'Queue');
const bucket = new s3.Bucket(stack, 'Bucket');
const fn = new ProjectFunction(stack, 'Hello', {
  entry: ENTRY,
  description: 'test function',
  logRetentionDays: 30,
  encryptionKey: key,
  environment: { GREETING_STYLE: 'polite' },
})
  .useTable('TABLE_NAME', table, 'read')
  .useQueue('QUEUE_URL', queue, 'send')
  .useBucket('BUCKET_NAME', bucket, 'write');
const assembly = app.synth();
const template = Template.fromStack(stack);

describe('ProjectFunction', () => {
  test('runs Node.js 24 on ARM64 with active tracing, defaults for timeout and memory', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Timeout: 10,
      MemorySize: 512,
      Handler: 'index.handler',
      Description: 'test function',
    });
  });

  test('encrypts the environment with the key and enables source maps', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      KmsKeyArn: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
      Environment: {
        Variables: Match.objectLike({
          NODE_OPTIONS: '--enable-source-maps',
          GREETING_STYLE: 'polite',
          TABLE_NAME: { Ref: stack.getLogicalId(table.node.defaultChild as dynamodb.CfnGlobalTable) },
          QUEUE_URL: { Ref: stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue) },
          BUCKET_NAME: { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) },
        }),
      },
    });
  });

  test('logs to an explicit KMS-encrypted log group with the given retention', () => {
    const logGroupId = stack.getLogicalId(fn.logGroup.node.defaultChild as import('aws-cdk-lib/aws-logs').CfnLogGroup);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: logGroupId }, LogFormat: 'JSON' },
    });
  });

  test('the key policy lets CloudWatch Logs use the key for this account’s log groups only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogs',
            Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test('its own role has no AWS managed policy and may write only to its log group', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as { Properties: Record<string, unknown> }[];
    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties.ManagedPolicyArns).toBeUndefined();
    const logGroupArn = {
      'Fn::GetAtt': [stack.getLogicalId(fn.logGroup.node.defaultChild as import('aws-cdk-lib').CfnResource), 'Arn'],
    };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: logGroupArn }),
        ]),
      },
    });
  });

  test('helpers grant exactly the requested access', () => {
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy).toContain('dynamodb:GetItem');
    expect(policy).not.toContain('dynamodb:PutItem');
    expect(policy).toContain('sqs:SendMessage');
    expect(policy).toContain('s3:PutObject');
    expect(policy).not.toContain('s3:GetObject');
    expect(policy).toContain('xray:PutTraceSegments');
    expect(policy).toContain('kms:Decrypt');
  });

  test('bundles the handler offline into a minified CommonJS file with a source map that runs', async () => {
    const fnResource = Object.values(template.findResources('AWS::Lambda::Function'))[0] as {
      Properties: { Code: { S3Key: string } };
    };
    const assetHash = fnResource.Properties.Code.S3Key.replace(/\.zip$/, '');
    const dir = path.join(assembly.directory, `asset.${assetHash}`);
    const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(fs.existsSync(path.join(dir, 'index.js.map'))).toBe(true);
    expect(code).toContain('sourceMappingURL=index.js.map');
    expect(code.split('\n').length).toBeLessThan(10); // minified
    const mod = require(path.join(dir, 'index.js')) as { handler: (e: { name?: string }) => Promise<unknown> };
    await expect(mod.handler({ name: 'Tanaka' })).resolves.toEqual({ greeting: 'こんにちは, Tanaka' });
  });

  test('keeps the runtime’s AWS SDK external by default; bundleAwsSdk bundles its tree-shakable ES builds', () => {
    expect(projectEsbuildOptions()).toMatchObject({
      format: 'cjs',
      external: ['@aws-sdk/*'],
      mainFields: undefined,
      alias: undefined,
    });
    expect(projectEsbuildOptions({ bundleAwsSdk: true })).toMatchObject({
      format: 'cjs',
      external: [],
      mainFields: ['module', 'main'],
      alias: { '@aws-sdk/credential-provider-node': expect.stringMatching(/lambda-environment-credentials\.ts$/) },
    });
  });

  test('cdk-nag: the construct leaves only the findings of the grants its caller asked for', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const fnFindings = report.violations
      .filter((v) => v.violatingResources.some((r) => (r.constructPath ?? '').startsWith('FnStack/Hello')))
      .map((v) => v.ruleName)
      .sort();
    // X-Ray's Resource::* is acknowledged by the construct; the object wildcard (and s3:Abort*) of
    // useBucket remain for the stack to acknowledge with its own reason.
    expect(fnFindings).not.toContain('AwsSolutions-IAM5[Resource::*]');
    expect(fnFindings.filter((id) => !id.startsWith('AwsSolutions-IAM5['))).toEqual([]);
    expect(fnFindings).toEqual([
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Resource::<Bucket83908E77.Arn>/*]',
    ]);
  });

  test('rejects an entry that does not exist or is absolute', () => {
    const s = new Stack(new App(), 'Bad');
    const k = new kms.Key(s, 'K');
    expect(
      () =>
        new ProjectFunction(s, 'Missing', { entry: 'lambdas/nope/handler.ts', logRetentionDays: 30, encryptionKey: k }),
    ).toThrow(/entry "lambdas\/nope\/handler.ts" does not exist/);
    expect(
      () => new ProjectFunction(s, 'Abs', { entry: path.resolve(ENTRY), logRetentionDays: 30, encryptionKey: k }),
    ).toThrow(/relative to the repository root/);
    expect(() => new ProjectFunction(s, 'Ret', { entry: ENTRY, logRetentionDays: 31, encryptionKey: k })).toThrow(
      /logRetentionDays 31/,
    );
  });

  test('rejects asset directories that do not exist or would land outside the function directory', () => {
    const s = new Stack(new App(), 'BadAssets');
    const k = new kms.Key(s, 'K');
    const props = { entry: ENTRY, logRetentionDays: 30, encryptionKey: k };
    expect(
      () => new ProjectFunction(s, 'NoDir', { ...props, assetDirectories: [{ from: 'node_modules/nope', to: 'x' }] }),
    ).toThrow(/assetDirectories "node_modules\/nope"/);
    expect(
      () =>
        new ProjectFunction(s, 'Escape', {
          ...props,
          assetDirectories: [{ from: 'node_modules/kuromoji/dict', to: '../dict' }],
        }),
    ).toThrow(/plain relative path/);
  });
});

describe('ProjectFunction with bundleAwsSdk and runtimeSourceMaps: false', () => {
  const sdkApp = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'pf-sdk-')) });
  const sdkStack = new Stack(sdkApp, 'SdkStack');
  new ProjectFunction(sdkStack, 'Creds', {
    entry: 'test/lib/fixtures/sdk-credentials-handler.ts',
    logRetentionDays: 30,
    encryptionKey: new kms.Key(sdkStack, 'Key', { enableKeyRotation: true }),
    bundleAwsSdk: true,
    runtimeSourceMaps: false,
    environment: { POWERTOOLS_SERVICE_NAME: 'creds' },
  });
  const sdkAssembly = sdkApp.synth();
  const sdkTemplate = Template.fromStack(sdkStack);
  const fnProps = (
    Object.values(sdkTemplate.findResources('AWS::Lambda::Function'))[0] as {
      Properties: { Code: { S3Key: string }; Environment: unknown };
    }
  ).Properties;
  const bundleDir = path.join(sdkAssembly.directory, `asset.${fnProps.Code.S3Key.replace(/\.zip$/, '')}`);

  // A fresh node with only the given environment: what the bundle's SDK finds for credentials.
  const credentialsFound = (bundle: string, env: Record<string, string>) => {
    const script =
      `require(${JSON.stringify(bundle)}).handler().then(` +
      '(r) => console.log(JSON.stringify(r)), (e) => { console.log(JSON.stringify({ error: e.message })); })';
    const r = spawnSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'ap-northeast-1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { accessKeyId?: string; error?: string };
  };

  // Credentials the SDK's default chain would find in a shared credentials file (never in Lambda).
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-home-'));
  fs.writeFileSync(
    path.join(home, 'credentials'),
    '[default]\naws_access_key_id = FROM_FILE\naws_secret_access_key = secret\n',
  );
  const fileOnly = {
    HOME: home,
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    AWS_CONFIG_FILE: path.join(home, 'config'),
  };

  test('the environment holds only the function’s own variables: no NODE_OPTIONS source maps', () => {
    expect(fnProps.Environment).toEqual({ Variables: { POWERTOOLS_SERVICE_NAME: 'creds' } });
  });

  test('the source map is still built and shipped, for decoding a logged stack trace offline', () => {
    expect(fs.existsSync(path.join(bundleDir, 'index.js.map'))).toBe(true);
  });

  test('the bundled SDK takes the execution role’s credentials from the environment', () => {
    expect(
      credentialsFound(path.join(bundleDir, 'index.js'), {
        AWS_ACCESS_KEY_ID: 'FROM_ENV',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
      }),
    ).toEqual({ accessKeyId: 'FROM_ENV' });
  });

  test('and searches nowhere else: the rest of the default chain is not in the bundle', async () => {
    // Control: the same handler bundled with the SDK's own default chain finds the file's credentials.
    const { alias: _envOnly, ...withDefaultChain } = projectEsbuildOptions({ bundleAwsSdk: true });
    const control = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-chain-')), 'index.js');
    await build({
      ...withDefaultChain,
      external: [],
      mainFields: [...(withDefaultChain.mainFields ?? [])],
      entryPoints: [path.resolve(__dirname, 'fixtures/sdk-credentials-handler.ts')],
      outfile: control,
      logLevel: 'error',
    });
    expect(credentialsFound(control, fileOnly)).toEqual({ accessKeyId: 'FROM_FILE' });

    expect(credentialsFound(path.join(bundleDir, 'index.js'), fileOnly)).toEqual({
      error: expect.stringContaining('Unable to find environment variable credentials'),
    });
    const code = fs.readFileSync(path.join(bundleDir, 'index.js'), 'utf8');
    expect(code).not.toContain('defaultProvider::fromSSO');
    expect(fs.statSync(path.join(bundleDir, 'index.js')).size).toBeLessThan(fs.statSync(control).size - 100_000);
  });
});
