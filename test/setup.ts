import 'aws-sdk-client-mock-jest';

// Tests never reach AWS: give the SDK a region and dummy credentials so nothing looks them up, and never
// a developer's own. They are the pair of LOCAL_REGION / LOCAL_CREDENTIALS (local/engines/local-dynamodb.ts):
// AWS's DynamoDB Local keeps one database per access key id and region, so a client built from the
// environment (a Lambda handler, `customers import --stage aws`) sees the tables the tests' own clients made.
process.env.AWS_REGION = 'ap-northeast-1';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;
process.env.CDK_DISABLE_VERSION_CHECK = 'true';
// The SDK's Node.js support warning, once per worker, says nothing a test can act on (see
// local/runtime/node-support.ts); the SDK's documented switch turns it off.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
