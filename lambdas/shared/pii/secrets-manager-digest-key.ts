import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KeyedDigest } from './keyed-digest';

/** Environment variable holding the ARN of the digest key secret (VocPipeline sets it). */
export const VOC_DIGEST_KEY_SECRET_ENV = 'VOC_DIGEST_KEY_SECRET_ARN';

/**
 * Reads the digest key from Secrets Manager (a generated string in the VOC construct's secret,
 * encrypted with the stack's customer-managed key). Called once per container, at cold start.
 */
export async function readDigestKey(client: SecretsManagerClient, secretId: string): Promise<KeyedDigest> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error(`secret ${secretId} has no SecretString (the digest key)`);
  return new KeyedDigest(out.SecretString);
}
