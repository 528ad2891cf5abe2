import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDynamoDbCustomerStore, createStoreDocumentClient } from '../customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../customer-data/table-schema';
import { readDefaultCountry, requireEnv } from '../env';
import { DynamoDbOneTimeCodeStore } from './dynamodb-one-time-code-store';
import { identityVerifierFromEnv } from './secrets-manager-identity-key';
import type { WebIntakeDeps } from './web-intake';

/**
 * What chat and web-form intake read from their environment alike, once per cold start: the customer
 * table (store and one-time codes on one document client), the default country, and the identity-token
 * verifier when the key is configured. Each handler adds its own channel (chat flow or task flow).
 */
export function webIntakeDepsFromEnv(): Pick<WebIntakeDeps, 'store' | 'oneTimeCodes' | 'identityTokens'> & {
  defaultCountry: string;
} {
  const tableName = requireEnv(CUSTOMER_TABLE_ENV);
  const client = createStoreDocumentClient();
  const defaultCountry = readDefaultCountry();
  const identityTokens = identityVerifierFromEnv(() => new SecretsManagerClient({}), { defaultCountry });
  return {
    store: createDynamoDbCustomerStore({ tableName, client }),
    oneTimeCodes: { codes: new DynamoDbOneTimeCodeStore(client, tableName) },
    defaultCountry,
    ...(identityTokens ? { identityTokens } : {}),
  };
}
