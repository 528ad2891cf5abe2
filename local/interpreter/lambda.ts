import { randomUUID } from 'node:crypto';
import type { ConnectContactFlowEvent, Context } from 'aws-lambda';
import type { LambdaHandler } from './types';

/** Connect waits at most 8 seconds for a synchronous Lambda. */
export const MAX_LAMBDA_SECONDS = 8;
/** Largest Lambda response Connect accepts (UTF-8 bytes of the JSON). */
export const MAX_LAMBDA_RESPONSE_BYTES = 32 * 1024;

export class LambdaInvocationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LambdaInvocationError';
  }
}

export function lambdaContext(functionName: string, functionArn: string, deadline: number): Context {
  const deprecated = () => {
    throw new Error('context.done/succeed/fail are not supported by the local interpreter: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn,
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${functionName}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: deprecated,
    fail: deprecated,
    succeed: deprecated,
  };
}

/**
 * Calls a handler and waits at most `timeoutSeconds`. On timeout the handler's promise is abandoned
 * (it keeps running, as a real Lambda would, but its result is ignored).
 */
export async function invokeWithTimeout(
  handler: LambdaHandler,
  event: ConnectContactFlowEvent,
  context: Context,
  timeoutSeconds: number,
): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LambdaInvocationError(`timed out after ${timeoutSeconds} s (InvocationTimeLimitSeconds)`)),
      timeoutSeconds * 1000,
    );
  });
  try {
    return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks a handler's result the way Connect reads it: a JSON object no larger than 32 KB; with
 * STRING_MAP every value must be a string (a number, boolean, null, array or object fails the action).
 */
export function validateLambdaResult(result: unknown, responseType: 'STRING_MAP' | 'JSON'): Record<string, unknown> {
  if (!isPlainObject(result)) {
    throw new LambdaInvocationError(
      `the response is ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}, expected an object`,
    );
  }
  let json: string;
  try {
    json = JSON.stringify(result);
  } catch (cause) {
    throw new LambdaInvocationError('the response cannot be serialized to JSON', { cause });
  }
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_LAMBDA_RESPONSE_BYTES) {
    throw new LambdaInvocationError(`the response is ${bytes} bytes, more than ${MAX_LAMBDA_RESPONSE_BYTES}`);
  }
  const parsed = JSON.parse(json) as Record<string, unknown>;
  if (responseType === 'STRING_MAP') {
    const bad = Object.entries(parsed).filter(([, v]) => typeof v !== 'string');
    if (bad.length > 0) {
      throw new LambdaInvocationError(
        `STRING_MAP response has non-string values: ${bad.map(([k, v]) => `${k} (${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v})`).join(', ')}`,
      );
    }
  }
  return parsed;
}
