import 'aws-sdk-client-mock-jest';

// Tests never reach AWS: give the SDK a region and dummy credentials so nothing looks them up.
process.env.AWS_REGION ??= 'ap-northeast-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.CDK_DISABLE_VERSION_CHECK = 'true';
// The SDK's Node.js support warning, once per worker, says nothing a test can act on (see
// local/runtime/node-support.ts); the SDK's documented switch turns it off.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
