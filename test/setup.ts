import 'aws-sdk-client-mock-jest';

// Tests never reach AWS: give the SDK a region and dummy credentials so nothing looks them up.
process.env.AWS_REGION ??= 'ap-northeast-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.CDK_DISABLE_VERSION_CHECK = 'true';
