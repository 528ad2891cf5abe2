import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { type AgentPrincipal, type Disposition, DispositionSchema } from '../shared/agent/contract';
import { AGENT_DISPOSITIONS_ENV, DEFAULT_DISPOSITIONS } from '../shared/agent/dispositions';
import { createDynamoDbAccessTrail } from '../shared/agent/dynamodb-access-trail';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../shared/customer-data/dynamodb-customer-store';
import { CUSTOMER_TABLE_ENV } from '../shared/customer-data/table-schema';
import { readDefaultCountry, requireEnv } from '../shared/env';
import { MAX_BODY_BYTES } from '../shared/intake/requests';
import { type AgentApiDeps, type AgentApiResponse, createAgentApi } from './router';

/**
 * The agent API Lambda: API Gateway HTTP API (payload 2.0) behind a JWT authorizer (Cognito user pool),
 * reached through CloudFront at `/api/*`. Thin: who is asking (the authorizer's claims), the path without
 * `/api`, a safely parsed JSON body — then router.ts, which the local console runs too.
 *
 * Environment: CUSTOMER_TABLE_NAME (required), DEFAULT_COUNTRY (JP), TIME_ZONE (Asia/Tokyo),
 * AGENT_DISPOSITIONS (JSON array of { id, ja, en }; default: shared/agent/dispositions.ts), validated at
 * cold start so a bad configuration fails the deploy's first invocation with the variable's name.
 */

export const logger = new Logger({ serviceName: 'agent-api' });

export type AgentApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type AgentApiResult = APIGatewayProxyStructuredResultV2;

/** Thrown at cold start for an AGENT_DISPOSITIONS that is not a valid list. */
export class InvalidDispositionsError extends Error {
  constructor(message: string) {
    super(`${AGENT_DISPOSITIONS_ENV}: ${message}`);
    this.name = 'InvalidDispositionsError';
  }
}

const DispositionsSchema = z
  .array(DispositionSchema)
  .min(1, 'at least one disposition')
  .max(50)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((d, i) => {
      if (seen.has(d.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${d.id}"` });
      seen.add(d.id);
    });
  });

export function readDispositions(env: NodeJS.ProcessEnv = process.env): readonly Disposition[] {
  const raw = env[AGENT_DISPOSITIONS_ENV]?.trim();
  if (!raw) return DEFAULT_DISPOSITIONS;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new InvalidDispositionsError('is not valid JSON');
  }
  const parsed = DispositionsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InvalidDispositionsError(`${first?.path.join('.') || '(list)'}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** TIME_ZONE: the center's IANA time zone; Asia/Tokyo when unset. An unknown zone fails at cold start. */
export function readTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const zone = env.TIME_ZONE?.trim() || 'Asia/Tokyo';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`TIME_ZONE: unknown time zone "${zone}"`);
  }
  return zone;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * `cognito:groups` as API Gateway hands it over: a JSON array, or (HTTP API JWT authorizers flatten
 * arrays) a string such as "[supervisors agents]", "supervisors agents" or "supervisors,agents".
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  const text = claim.trim();
  if (text.startsWith('[') && text.includes('"')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (Array.isArray(parsed)) return parsed.filter((g): g is string => typeof g === 'string');
    } catch {
      // fall through to the flattened form
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/**
 * The signed-in agent from the authorizer's claims: `cognito:username` (ID tokens) or `username` (access
 * tokens); undefined without either (→ 401). Supervisor iff in the `supervisors` group.
 */
export function principalFromClaims(claims: Claims | undefined): AgentPrincipal | undefined {
  const username = claims?.['cognito:username'] ?? claims?.username;
  if (typeof username !== 'string' || username.trim() === '' || username.length > 128) return undefined;
  const role = groupsOf(claims?.['cognito:groups']).includes('supervisors') ? 'supervisor' : 'agent';
  const name = claims?.name;
  return {
    username: username.trim(),
    role,
    ...(typeof name === 'string' && name.trim() !== '' ? { displayName: name.trim().slice(0, 200) } : {}),
  };
}

/** The path relative to the API base: CloudFront forwards `/api/*` unchanged. */
export function apiPath(rawPath: string | undefined): string {
  const path = rawPath ?? '/';
  if (path === '/api') return '/';
  return path.startsWith('/api/') ? path.slice('/api'.length) : path;
}

function respond(res: AgentApiResponse): AgentApiResult {
  return {
    statusCode: res.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(res.body),
  };
}

function failure(status: number, error: string, message: string, field?: string, reason?: string): AgentApiResponse {
  return {
    status,
    body: { error, message, ...(field !== undefined ? { issues: [{ field, reason: reason ?? message }] } : {}) },
  };
}

/** The JSON body of a PUT or POST: 415 unless application/json, 400 when too large or not JSON. */
function readBody(event: AgentApiEvent, method: string): { body?: unknown } | { refused: AgentApiResponse } {
  if (method !== 'PUT' && method !== 'POST') return {};
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return {
      refused: failure(
        415,
        'UnsupportedMediaType',
        'Send the body as application/json.',
        'content-type',
        'expected application/json',
      ),
    };
  }
  if (event.body === undefined || event.body === '') return {};
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    return {
      refused: failure(400, 'BadRequest', 'The request is invalid.', 'body', `exceeds ${MAX_BODY_BYTES} bytes`),
    };
  }
  try {
    return { body: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { refused: failure(400, 'BadRequest', 'The request is invalid.', 'body', 'is not valid JSON') };
  }
}

/** The router's dependencies; the handler itself logs unexpected errors (the router's onError). */
export type AgentApiHandlerDeps = Omit<AgentApiDeps, 'onError'>;

export function createHandler(deps: AgentApiHandlerDeps) {
  const api = createAgentApi({ ...deps, onError: (err) => logger.error('request failed', { error: err }) });
  const agentApiHandler = async (event: AgentApiEvent): Promise<AgentApiResult> => {
    const method = (event.requestContext?.http?.method ?? 'GET').toUpperCase();
    const path = apiPath(event.rawPath);
    const principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims as Claims | undefined);
    let res: AgentApiResponse;
    const body = principal ? readBody(event, method) : {};
    if ('refused' in body) res = body.refused;
    else {
      res = await api({
        method,
        path,
        query: event.queryStringParameters ?? {},
        ...('body' in body ? { body: body.body } : {}),
        principal,
      });
    }
    // Who did what, never whose data: the path may hold a customer id, the query a phone number or name.
    logger.info('agent api request', {
      agent: principal?.username ?? '(none)',
      role: principal?.role,
      method,
      route: event.routeKey,
      status: res.status,
    });
    return respond(res);
  };
  return middy(agentApiHandler).use(injectLambdaContext(logger, { resetKeys: true }));
}

const tableName = requireEnv(CUSTOMER_TABLE_ENV);
// More patient than the IVR's bounds (an agent waits seconds, not a caller's 8 s flow limit, and a name
// search scans pages of profiles); well inside the HTTP API's 30 s integration timeout.
const client = createStoreDocumentClient({ requestTimeoutMs: 3000, maxAttempts: 3 });

export const handler = createHandler({
  store: createDynamoDbCustomerStore({ tableName, client }),
  accessTrail: createDynamoDbAccessTrail({ tableName, client }),
  dispositions: readDispositions(),
  timeZone: readTimeZone(),
  defaultCountry: readDefaultCountry(),
});
