import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The emergency announcement (台風, 地震, system outage): one item in the customer table, next to the
 * VOC ledger, under a partition no customer key can take (`OPS#…`). ivr-lookup reads it on every
 * contact (through a short cache); `contact-center ops announce` writes and clears it.
 */

export interface Announcement {
  /** What callers and chat visitors hear or read first, in Japanese. */
  readonly ja: string;
  /** The same in English. */
  readonly en: string;
  /** When true the flows end the contact after the announcement instead of routing to a queue. */
  readonly closeQueues: boolean;
  /** ISO-8601 instant it was set. */
  readonly updatedAt: string;
}

export interface AnnouncementStore {
  /** The announcement in force, or undefined when none is set. */
  get(): Promise<Announcement | undefined>;
  put(announcement: Announcement): Promise<void>;
  clear(): Promise<void>;
}

export const ANNOUNCEMENT_KEY = { pk: 'OPS#ANNOUNCEMENT', sk: 'ANNOUNCEMENT' } as const;

/** Longest text accepted per language: a flow prompt must stay short enough to listen to (and fit Connect's limits). */
export const MAX_ANNOUNCEMENT_CHARS = 500;

/** An item read back from the table, checked field by field (anything else means "no announcement"). */
function toAnnouncement(item: Record<string, unknown> | undefined): Announcement | undefined {
  if (!item) return undefined;
  const { ja, en, closeQueues, updatedAt } = item;
  if (typeof ja !== 'string' || typeof en !== 'string' || ja.trim() === '' || en.trim() === '') return undefined;
  return {
    ja,
    en,
    closeQueues: closeQueues === true,
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
  };
}

export function createDynamoDbAnnouncementStore(options: {
  tableName: string;
  client: DynamoDBDocumentClient;
}): AnnouncementStore {
  const { tableName, client } = options;
  return {
    async get() {
      const out = await client.send(new GetCommand({ TableName: tableName, Key: ANNOUNCEMENT_KEY }));
      return toAnnouncement(out.Item);
    },
    async put(announcement) {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...ANNOUNCEMENT_KEY, ...announcement } }));
    },
    async clear() {
      await client.send(new DeleteCommand({ TableName: tableName, Key: ANNOUNCEMENT_KEY }));
    },
  };
}
