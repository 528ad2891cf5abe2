import { createHash } from 'node:crypto';

/**
 * The one source of truth for the customer table's keys, shared by the CDK construct
 * (lib/customer-data) and the local engine (local/), so both create exactly the same table.
 *
 * Single-table layout (partition key `pk`, sort key `sk`, both strings):
 *
 * | item            | pk                         | sk                                   |
 * |-----------------|----------------------------|--------------------------------------|
 * | customer        | CUSTOMER#<customerId>      | PROFILE                              |
 * | interaction     | CUSTOMER#<customerId>      | INTERACTION#<ISO-8601 at>#<sourceKey> |
 * | contact point   | PHONE#<E.164> / EMAIL#<lowercased address> | CUSTOMER#<customerId> |
 * | unmatched contact | PHONE#<E.164> / EMAIL#<address> | INTERACTION#<at>#<sourceKey>    |
 * | contact point claim | PHONE#<E.164> / EMAIL#<address> | CLAIM                          |
 * | source marker   | SOURCE#<sourceKey>         | SOURCE                               |
 * | source lease    | SOURCE#<sourceKey>         | LEASE                                |
 * | customer id counter | COUNTER#CUSTOMER_ID    | COUNTER                              |
 * | idempotency key | IDEMPOTENCY#<scope>#<key>  | KEY                                  |
 * | VOC ledger      | VOC#<sourceId>             | VOC                                  |
 * | access trail entry | ACCESS#<customerId> / ACCESS#PHONE#<E.164> / ACCESS#EMAIL#<address> | <at ISO>#<agent>#<random> |
 *
 * Why this shape:
 * - A phone number or email maps to any number of customers (households): one Query on the
 *   contact-point partition returns them all (Limit 2 is enough to tell unique from shared).
 * - Within a customer partition `PROFILE` sorts after every `INTERACTION#…` key, so one Query with
 *   ScanIndexForward=false and Limit 2 returns the profile and the newest interaction, whatever the
 *   size of the history. Nothing else may be stored in a customer partition with a sort key
 *   between `INTERACTION#` and `PROFILE`.
 * - Interactions sort by time inside a partition; newest first is ScanIndexForward=false.
 * - The source marker makes writes keyed by source id (contact id, Message-ID, S3 key) idempotent
 *   with a conditional put (dynalite has no transactions, so no TransactWriteItems). It also records
 *   where the interaction lives (`targetPk`, `targetSk`), so later stages (sentiment) find it by
 *   source id in one GetItem.
 * - A source id is whatever a sender or system chose (a Message-ID can run to kilobytes), and DynamoDB
 *   caps sort keys at 1,024 bytes: {@link sourceKey} keeps ids up to {@link SOURCE_KEY_MAX_BYTES} bytes
 *   verbatim and replaces longer ones by a fixed-length digest; the items keep the original in `sourceId`.
 * - A customer created from a contact (not imported) is created once per contact point, whatever the
 *   concurrency: the first contact claims the contact point (`CLAIM`, a conditional put holding the new
 *   id and profile) and every other contact, concurrent or later, joins the customer the claim names.
 *   Its id comes from one atomic counter (`C-<n>`, see {@link CUSTOMER_ID_COUNTER_BASE}).
 * - A source lease (`LEASE`) lets one worker at a time process a source (an email's Message-ID) whose
 *   side effects (task, acknowledgement, VOC message) must not be repeated by a concurrent delivery.
 * - The access trail (lambdas/shared/agent/access-trail.ts) keeps who read a customer's data in a
 *   partition of its own per customer or contact point, never inside the customer partition (its keys
 *   would break the PROFILE-after-INTERACTION ordering); newest first is ScanIndexForward=false.
 * - The VOC ledger (lambdas/shared/voc) claims each VOC message by source id before the analyzer
 *   writes it to the lake, so a redelivered message is never counted twice.
 */

export const CUSTOMER_TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

export const PROFILE_SK = 'PROFILE';
export const INTERACTION_PREFIX = 'INTERACTION#';
export const SOURCE_SK = 'SOURCE';
export const CLAIM_SK = 'CLAIM';
export const LEASE_SK = 'LEASE';
/**
 * Created customers are numbered from here (`C-100001`, `C-100002`, …): the same `C-` scheme as seeded and
 * imported customers, clear of the four-digit ids of the demo data; an id some import already uses is
 * skipped, never reused.
 */
export const CUSTOMER_ID_COUNTER_BASE = 100_000;

/** Longest source id (UTF-8 bytes) used verbatim in a key; any longer one is keyed by its digest. */
export const SOURCE_KEY_MAX_BYTES = 512;
/** Prefix of a digested source key; a verbatim key never starts with it (such an id is digested too). */
export const SOURCE_DIGEST_PREFIX = 'sha256:';
const DIGEST_KEY = /^sha256:[0-9a-f]{64}$/;

/**
 * The key form of a source id: itself when short, else `sha256:<64 hex digits>` (71 bytes, whatever the id).
 * A key form is its own key (`sourceKey(sourceKey(id)) === sourceKey(id)`), so a stage that was handed the
 * short form (a VOC message's sourceId) finds the same source.
 */
export function sourceKey(sourceId: string): string {
  const short = Buffer.byteLength(sourceId, 'utf8') <= SOURCE_KEY_MAX_BYTES;
  if (short && (!sourceId.startsWith(SOURCE_DIGEST_PREFIX) || DIGEST_KEY.test(sourceId))) return sourceId;
  return `${SOURCE_DIGEST_PREFIX}${createHash('sha256').update(sourceId, 'utf8').digest('hex')}`;
}

export const keys = {
  customer: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: PROFILE_SK }),
  customerPartition: (customerId: string) => `CUSTOMER#${customerId}`,
  phonePartition: (e164: string) => `PHONE#${e164}`,
  emailPartition: (email: string) => `EMAIL#${email.trim().toLowerCase()}`,
  contactPointSk: (customerId: string) => `CUSTOMER#${customerId}`,
  interactionSk: (atIso: string, sourceId: string) => `${INTERACTION_PREFIX}${atIso}#${sourceKey(sourceId)}`,
  source: (sourceId: string) => ({ pk: `SOURCE#${sourceKey(sourceId)}`, sk: SOURCE_SK }),
  sourceLease: (sourceId: string) => ({ pk: `SOURCE#${sourceKey(sourceId)}`, sk: LEASE_SK }),
  contactPointClaim: (contactPoint: { phone: string } | { email: string }) => ({
    pk: 'phone' in contactPoint ? `PHONE#${contactPoint.phone}` : `EMAIL#${contactPoint.email.trim().toLowerCase()}`,
    sk: CLAIM_SK,
  }),
  customerIdCounter: { pk: 'COUNTER#CUSTOMER_ID', sk: 'COUNTER' },
  idempotencyKey: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'KEY' }),
  /** Access trail partition of a customer (`ACCESS#C-1001`) or a contact point (`ACCESS#PHONE#+81…`). */
  accessTrailPartition: (subject: { customerId: string } | { phone: string } | { email: string }) =>
    'customerId' in subject
      ? `ACCESS#${subject.customerId}`
      : 'phone' in subject
        ? `ACCESS#PHONE#${subject.phone}`
        : `ACCESS#EMAIL#${subject.email.trim().toLowerCase()}`,
} as const;

/** CreateTable input for the DynamoDB API (local engine); the CDK construct builds the same keys. */
export function createCustomerTableInput(tableName: string) {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: CUSTOMER_TABLE_KEYS.partitionKey, AttributeType: 'S' as const },
      { AttributeName: CUSTOMER_TABLE_KEYS.sortKey, AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: CUSTOMER_TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: CUSTOMER_TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** Environment variable through which every Lambda (and the local runtime) finds the table. */
export const CUSTOMER_TABLE_ENV = 'CUSTOMER_TABLE_NAME';
