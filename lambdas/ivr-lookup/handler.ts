import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ConnectContactFlowEvent, ConnectContactFlowResult, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { readDefaultCountry, requireEnv } from '../shared/env';
import { createDynamoDbAnnouncementStore } from '../shared/operations/announcement-store';
import { ANNOUNCEMENT_TTL_MS, createAnnouncementReader } from './announcement';
import { inquiryStatus, type LookupDeps, lookupCaller } from './lookup';

/**
 * Amazon Connect "Invoke AWS Lambda function" target for the IVR (response type STRING_MAP).
 *
 * Parameters (LambdaInvocationAttributes):
 * - `action=lookup` (default): who is calling → `lookupResult` known|unknown|shared|anonymous|invalid|error
 *   and, when known only, customer fields (see lookup.ts).
 *   Also the emergency announcement: `announcement` active|none (+ `announcementJa`, `announcementEn`,
 *   `announcementClosesQueues` when active), read beside the lookup and cached (announcement.ts).
 * - `action=announcement`: the announcement attributes alone (the chat flow).
 * - `action=inquiryStatus`, `customerId`, `language` → `statusResult` found|none|error and `inquiryStatusMessage`.
 *
 * It never throws: a flow cannot reason about a stack trace, so every failure is a result the flow
 * branches on (`lookupResult`/`statusResult` = error, with `errorReason`).
 *
 * Environment: CUSTOMER_TABLE_NAME (required), DEFAULT_COUNTRY (ISO country for national numbers, default JP).
 */

export const logger = new Logger({ serviceName: 'ivr-lookup' });

// zod/mini: the same validation as zod with a tree-shakable API, so the bundle (cold start) stays small.
const ContactFlowEventSchema = z.object({
  Details: z.object({
    ContactData: z.looseObject({
      ContactId: z.string().check(z.minLength(1)),
      Channel: z.optional(z.string()),
      LanguageCode: z.nullish(z.string()),
      CustomerEndpoint: z.nullish(z.looseObject({ Address: z.nullish(z.string()), Type: z.nullish(z.string()) })),
    }),
    Parameters: z.nullish(z.record(z.string(), z.unknown())),
  }),
  Name: z.optional(z.string()),
});

function stringParam(params: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const value = params?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The contact id of an event that may not have parsed, for log correlation. */
function contactIdOf(event: unknown): string | undefined {
  const id = (event as { Details?: { ContactData?: { ContactId?: unknown } } } | null)?.Details?.ContactData?.ContactId;
  return typeof id === 'string' ? id : undefined;
}

/** Builds the handler around a store (tests and the local runtime inject their own). */
export function createHandler(deps: LookupDeps) {
  const onError = deps.onError ?? ((message: string, error: unknown) => logger.error(message, { error }));
  const domain: LookupDeps = { ...deps, onError };

  const lookupHandler = async (
    event: ConnectContactFlowEvent,
    _context: Context,
  ): Promise<ConnectContactFlowResult> => {
    logger.setCorrelationId(contactIdOf(event) ?? 'unknown-contact');
    const parsed = ContactFlowEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('invalid Connect event', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      // Answer in the attribute the flow branches on for the action it asked for, if it named one.
      const rawAction = stringParam(
        (event as { Details?: { Parameters?: Record<string, unknown> } } | null)?.Details?.Parameters,
        'action',
      );
      return rawAction === 'inquiryStatus'
        ? { statusResult: 'error', errorReason: 'invalid-event' }
        : { lookupResult: 'error', errorReason: 'invalid-event' };
    }
    const { ContactData, Parameters } = parsed.data.Details;
    const action = stringParam(Parameters, 'action') ?? 'lookup';
    switch (action) {
      case 'lookup': {
        const result = await lookupCaller(domain, ContactData.CustomerEndpoint?.Address);
        logger.info('caller lookup', { lookupResult: result.lookupResult, errorReason: result.errorReason });
        return result;
      }
      case 'announcement': {
        // The chat flow's first step: the announcement alone (chats are identified by chat-intake).
        const result = deps.announcements ? await deps.announcements.attributes() : { announcement: 'none' };
        logger.info('announcement', { announcement: result.announcement });
        return result;
      }
      case 'inquiryStatus': {
        const result = await inquiryStatus(
          domain,
          stringParam(Parameters, 'customerId'),
          stringParam(Parameters, 'language') ?? ContactData.LanguageCode ?? undefined,
        );
        logger.info('inquiry status', { statusResult: result.statusResult, errorReason: result.errorReason });
        return result;
      }
      default:
        logger.warn('unknown action', { action });
        return { lookupResult: 'error', errorReason: `unknown-action:${action.slice(0, 64)}` };
    }
  };

  return middy(lookupHandler).use(injectLambdaContext(logger, { resetKeys: true }));
}

/** ANNOUNCEMENT_CACHE_MS (0–60000; default ANNOUNCEMENT_TTL_MS): the local runtime turns the cache off. */
function readAnnouncementCacheMs(): number {
  const raw = process.env.ANNOUNCEMENT_CACHE_MS;
  const ms = raw === undefined || raw === '' ? ANNOUNCEMENT_TTL_MS : Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) {
    throw new Error(`ANNOUNCEMENT_CACHE_MS: expected an integer number of milliseconds 0–60000, got "${raw}"`);
  }
  return ms;
}

function defaultDeps(): Pick<LookupDeps, 'store' | 'announcements'> {
  const tableName = requireEnv(CUSTOMER_TABLE_ENV);
  const client = createStoreDocumentClient();
  return {
    store: createDynamoDbCustomerStore({ tableName, client }),
    announcements: createAnnouncementReader(createDynamoDbAnnouncementStore({ tableName, client }), {
      ttlMs: readAnnouncementCacheMs(),
      onError: (message, error) => logger.warn(message, { error }),
    }),
  };
}

/** The Lambda entry point (lambdas/ivr-lookup/handler.ts → `handler`). */
export const handler = createHandler({
  ...defaultDeps(),
  defaultCountry: readDefaultCountry(),
});
