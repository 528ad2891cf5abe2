import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKeyReusedError } from './idempotency';
import { BadRequestError } from './requests';

/** Thin HTTP plumbing shared by the intake and history handlers (HTTP API, payload format 2.0). */

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * The answer to a request that may carry an idempotency key (see idempotency.ts): 201 when it created
 * something, 200 when it replayed an earlier request with the same key and body. `retrySafe` tells the
 * client whether retrying is safe (false: no key was sent, a retry would create a second contact);
 * the key is echoed in the `Idempotency-Key` header.
 */
export function created(body: Record<string, unknown>, idempotency: { key?: string; duplicate: boolean }): HttpResult {
  return json(
    idempotency.duplicate ? 200 : 201,
    { ...body, duplicate: idempotency.duplicate, retrySafe: idempotency.key !== undefined },
    idempotency.key !== undefined ? { 'idempotency-key': idempotency.key } : {},
  );
}

/**
 * Runs `fn` and turns errors into responses: {@link BadRequestError} → 400 naming each field and why,
 * {@link IdempotencyKeyReusedError} → 422 naming the key, `notFound` errors → 404, anything else → 500 with a generic message (details only in the log).
 */
export async function respond(
  logger: Logger,
  fn: () => Promise<HttpResult>,
  notFound?: (err: unknown) => string | undefined,
): Promise<HttpResult> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BadRequestError) {
      logger.info('bad request', { issues: err.issues });
      return json(400, { error: 'BadRequest', message: 'The request is invalid.', issues: err.issues });
    }
    if (err instanceof IdempotencyKeyReusedError) {
      logger.info('idempotency key reused for a different request', { key: err.key });
      return json(422, {
        error: 'IdempotencyKeyReused',
        message: err.message,
        issues: [{ field: IDEMPOTENCY_KEY_HEADER, reason: 'already used for a different request body' }],
      });
    }
    const missing = notFound?.(err);
    if (missing !== undefined) return json(404, { error: 'NotFound', message: missing });
    logger.error('request failed', { error: err });
    return json(500, { error: 'InternalError', message: 'The request could not be processed. Please retry later.' });
  }
}
