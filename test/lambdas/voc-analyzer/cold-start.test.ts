import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { aLambdaContext } from '../../support/connect-events';

/**
 * The Lambda entry point builds the redactor (kuromoji dictionary) and reads the digest key once per
 * container, on the first invocation; a failed read is retried by the next invocation.
 */

const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:voc-digest-key';

beforeEach(() => {
  process.env.CUSTOMER_TABLE_NAME = 'customers';
  process.env.VOC_DELIVERY_STREAM_NAME = 'voc-stream';
  process.env.VOC_ALERT_TOPIC_ARN = 'arn:aws:sns:ap-northeast-1:123456789012:voc-alerts';
  process.env.VOC_DIGEST_KEY_SECRET_ARN = SECRET_ARN;
  process.env.CENTER_TIME_ZONE = 'Asia/Tokyo';
  process.env.AWS_REGION = 'ap-northeast-1';
});

/** A fresh module registry (a new container): the handler and the SDK client class it uses, mocked. */
function newContainer() {
  let handler: typeof import('../../../lambdas/voc-analyzer/handler')['handler'] | undefined;
  let sdk: typeof SecretsManager | undefined;
  jest.isolateModules(() => {
    sdk = require('@aws-sdk/client-secrets-manager');
    handler = require('../../../lambdas/voc-analyzer/handler').handler;
  });
  const s = sdk as typeof SecretsManager;
  return {
    handler: handler as NonNullable<typeof handler>,
    secrets: mockClient(s.SecretsManagerClient),
    GetSecretValueCommand: s.GetSecretValueCommand,
  };
}

describe('voc-analyzer cold start', () => {
  it('reads the digest key once per container', async () => {
    const { handler, secrets, GetSecretValueCommand } = newContainer();
    secrets.on(GetSecretValueCommand).resolves({ SecretString: 'k'.repeat(64) });
    const context = aLambdaContext('voc-analyzer');
    await expect(handler({ Records: [] }, context)).resolves.toEqual({ batchItemFailures: [] });
    await expect(handler({ Records: [] }, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: SECRET_ARN });
  });

  it('retries the build on the next invocation when the key could not be read', async () => {
    const { handler, secrets, GetSecretValueCommand } = newContainer();
    secrets
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('AccessDeniedException'))
      .resolves({ SecretString: 'k'.repeat(64) });
    const context = aLambdaContext('voc-analyzer');
    await expect(handler({ Records: [] }, context)).rejects.toThrow('AccessDeniedException');
    await expect(handler({ Records: [] }, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('fails with the variable named when the secret ARN is missing', async () => {
    delete process.env.VOC_DIGEST_KEY_SECRET_ARN;
    const { handler } = newContainer();
    await expect(handler({ Records: [] }, aLambdaContext('voc-analyzer'))).rejects.toThrow(/VOC_DIGEST_KEY_SECRET_ARN/);
  });
});
