import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { CustomerStore } from '../shared/customer-data/customer-store';
import { createDynamoDbCustomerStore } from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { readDefaultCountry, requireEnv } from '../shared/env';
import {
  contactPointQuerySchema,
  contactPointTimeline,
  customerTimeline,
  lookupCustomers,
  NotFoundError,
  parseCustomerId,
  parseQuery,
  timelineQuerySchema,
} from '../shared/intake/history';
import { type HttpEvent, type HttpResult, json, respond } from '../shared/intake/http';

/**
 * The agents' history API behind IAM authorization (routes in lib/intake):
 * - `GET /customers/{id}/timeline?limit=20&cursor=…` → `{ customer, interactions, cursor? }`
 * - `GET /customers?phone=…|email=…` → `{ customers, unmatched: { interactions, cursor? } }`
 * - `GET /timeline?phone=…|email=…&limit&cursor` → `{ owner, interactions, cursor? }`
 * Interactions are newest first; `cursor` is opaque and passed back as is.
 *
 * Environment: CUSTOMER_TABLE_NAME (required), DEFAULT_COUNTRY (JP).
 */

export const logger = new Logger({ serviceName: 'history-api' });

export function createHandler(deps: { store: CustomerStore; defaultCountry: string }) {
  const contactPointQuery = contactPointQuerySchema(deps.defaultCountry);
  const historyHandler = async (event: HttpEvent): Promise<HttpResult> =>
    respond(
      logger,
      async () => {
        const route = event.routeKey;
        if (route === 'GET /customers/{id}/timeline') {
          const id = parseCustomerId(event.pathParameters?.id);
          const timeline = await customerTimeline(
            deps.store,
            id,
            parseQuery(timelineQuerySchema, event.queryStringParameters),
          );
          return json(200, {
            customer: timeline.customer,
            interactions: timeline.interactions,
            cursor: timeline.cursor,
          });
        }
        if (route === 'GET /customers') {
          const query = parseQuery(contactPointQuery, event.queryStringParameters);
          const found = await lookupCustomers(deps.store, query);
          return json(200, {
            customers: found.customers,
            unmatched: { interactions: found.unmatched.interactions, cursor: found.unmatched.cursor },
          });
        }
        if (route === 'GET /timeline') {
          const timeline = await contactPointTimeline(
            deps.store,
            parseQuery(contactPointQuery, event.queryStringParameters),
          );
          return json(200, { owner: timeline.owner, interactions: timeline.interactions, cursor: timeline.cursor });
        }
        return json(404, { error: 'NotFound', message: `no route ${route}` });
      },
      (err) => (err instanceof NotFoundError ? err.message : undefined),
    );
  return middy(historyHandler).use(injectLambdaContext(logger, { resetKeys: true }));
}

export const handler = createHandler({
  store: createDynamoDbCustomerStore({ tableName: requireEnv(CUSTOMER_TABLE_ENV) }),
  defaultCountry: readDefaultCountry(),
});
