import type { MiddlewareObj } from '@middy/core';
import type { HttpResult } from './http';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency';

/**
 * CORS response headers for the public intake routes. They sit behind an API Gateway REST API with a
 * Lambda proxy integration (lib/intake/public-intake-api.ts), which answers the preflight but passes
 * the function's response through untouched: the function must name the allowed origin itself.
 *
 * Only an origin of the configured list (`ALLOWED_ORIGINS`, comma-separated, set by the stack from
 * `intake.approvedOrigins`) is echoed back; any other origin gets no CORS header, so a browser keeps
 * the answer from the page that asked.
 */

/** Reads `ALLOWED_ORIGINS` (comma-separated https origins); empty when unset. */
export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

interface WithHeaders {
  headers?: Record<string, string | undefined> | null;
}

/** The response headers for a request from `origin`, or none when it is not allowed. */
export function corsHeadersFor(origin: string | undefined, allowed: readonly string[]): Record<string, string> {
  if (origin === undefined || !allowed.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': IDEMPOTENCY_KEY_HEADER.toLowerCase(),
    vary: 'Origin',
  };
}

/** middy middleware adding {@link corsHeadersFor} to every response of the handler. */
export function corsResponseHeaders(allowed: readonly string[]): MiddlewareObj<WithHeaders, HttpResult> {
  return {
    after: (request) => {
      if (allowed.length === 0 || request.response === undefined || request.response === null) return;
      const headers = request.event?.headers ?? {};
      const origin = Object.entries(headers).find(([k]) => k.toLowerCase() === 'origin')?.[1] ?? undefined;
      const cors = corsHeadersFor(origin, allowed);
      if (Object.keys(cors).length === 0) return;
      const existing = request.response.headers ?? {};
      request.response = { ...request.response, headers: { ...existing, ...cors } };
    },
  };
}
