import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { HmacIdentityTokenVerifier } from './identity-token';
import { IDENTITY_TOKEN_SECRET_ENV } from './identity-token-env';

export { IDENTITY_TOKEN_SECRET_ENV };

/**
 * The identity-token key as the stack keeps it: a Secrets Manager secret (encrypted with the stack's
 * customer-managed KMS key) whose ARN the intake functions get in IDENTITY_TOKEN_SECRET_ARN. Read on
 * the first token, not at cold start, so visitors without a token never wait on it.
 */

export function secretsManagerIdentityVerifier(
  client: SecretsManagerClient,
  secretId: string,
  options: { defaultCountry: string },
): HmacIdentityTokenVerifier {
  return new HmacIdentityTokenVerifier(async () => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!out.SecretString) throw new Error(`secret ${secretId} has no string value`);
    return out.SecretString;
  }, options);
}

/** The verifier when IDENTITY_TOKEN_SECRET_ARN is set; undefined (tokens refused) otherwise. */
export function identityVerifierFromEnv(
  client: () => SecretsManagerClient,
  options: { defaultCountry: string },
  env: NodeJS.ProcessEnv = process.env,
): HmacIdentityTokenVerifier | undefined {
  const secretId = env[IDENTITY_TOKEN_SECRET_ENV]?.trim();
  return secretId ? secretsManagerIdentityVerifier(client(), secretId, options) : undefined;
}
