import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BadRequestError } from './requests';

/** Thin HTTP plumbing shared by the intake and history handlers (HTTP API, payload format 2.0). */

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/**
 * Runs `fn` and turns errors into responses: {@link BadRequestError} → 400 naming each field and why,
 * `notFound` errors → 404, anything else → 500 with a generic message (details only in the log).
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
    const missing = notFound?.(err);
    if (missing !== undefined) return json(404, { error: 'NotFound', message: missing });
    logger.error('request failed', { error: err });
    return json(500, { error: 'InternalError', message: 'The request could not be processed. Please retry later.' });
  }
}
