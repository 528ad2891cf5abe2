import { z } from 'zod';
import { type AccessTrail, AccessTrailUnavailableError, recordAccess } from '../shared/agent/access-trail';
import { toAgentCustomer } from '../shared/agent/agent-customer';
import {
  AGENT_ROLES,
  type AgentPrincipal,
  type ApiErrorBody,
  type Disposition,
  InquiryStatusRequestSchema,
  LinkRequestSchema,
  type MeResponse,
  WrapUpRequestSchema,
} from '../shared/agent/contract';
import { AgentNotFoundError, ConflictError, ForbiddenError } from '../shared/agent/errors';
import { changeLatestInquiryStatus } from '../shared/agent/inquiry-status';
import { linkClaimedContact } from '../shared/agent/link-contact';
import { MAX_QUERY_CHARS, searchCustomers } from '../shared/agent/search';
import { CONTACT_ID_PATTERN, wrapUp } from '../shared/agent/wrap-up';
import type { CustomerStore } from '../shared/customer-data/customer-store';
import { CustomerStoreInputError } from '../shared/customer-data/customer-store';
import {
  contactPointQuerySchema,
  contactPointTimeline,
  customerTimeline,
  NotFoundError,
  parseQuery,
  timelineQuerySchema,
} from '../shared/intake/history';
import { BadRequestError, type FieldIssue, fieldIssues } from '../shared/intake/requests';

/**
 * The agent API as one pure function of a request (routes: shared/agent/contract.ts), used by the
 * Lambda (handler.ts: API Gateway HTTP API with a JWT authorizer) and by the local console alike, so
 * both answer the same thing to the same request.
 *
 * - No principal → 401; a principal the router cannot trust the shape of → 401 as well.
 * - Path parameters are URL-decoded (malformed escapes → 400) and bounded before any store call.
 * - Every error is `{ error, message, issues? }`: 400 names each field, 403 the role's limit, 404, 409,
 *   503 when the access trail cannot be written (reads fail closed: no entry, no data), 500 reveals
 *   nothing (the cause goes to `onError`, the handler's log).
 */

export interface AgentApiRequest {
  method: string;
  /** Relative to the API base, e.g. '/customers/C-1/timeline' (undecoded, as on the wire). */
  path: string;
  query: Record<string, string | undefined>;
  /** Parsed JSON, or undefined. */
  body?: unknown;
  principal: AgentPrincipal | undefined;
}

export interface AgentApiResponse {
  status: number;
  body: unknown;
}

export interface AgentApiDeps {
  store: CustomerStore;
  accessTrail: AccessTrail;
  dispositions: readonly Disposition[];
  timeZone: string;
  defaultCountry: string;
  now?: () => Date;
  /** Told of every unexpected error before the generic 500 (the handler logs it). */
  onError?: (err: unknown) => void;
}

/** Longest path accepted (characters, undecoded): a customer id and a route fit many times over. */
export const MAX_PATH_CHARS = 1024;

const PrincipalSchema = z.strictObject({
  username: z.string().min(1).max(128),
  role: z.enum(AGENT_ROLES),
  displayName: z.string().max(200).optional(),
});

const contactIdQuery = z
  .string()
  .regex(CONTACT_ID_PATTERN, 'expected a contact id (letters, digits and "_ . : -", at most 128)')
  .optional();

const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'must not be empty').max(MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`),
  contactId: contactIdQuery,
});

const customerQuerySchema = z.strictObject({ contactId: contactIdQuery });

/** A route's handler with its decoded path parameters. */
type RouteHandler = (
  req: AgentApiRequest & { principal: AgentPrincipal },
  params: string[],
) => Promise<AgentApiResponse>;

interface Route {
  method: string;
  /** Path segments; `*` is a parameter. */
  segments: string[];
  /** Field names of the parameters, for 400s. */
  params: string[];
  handle: RouteHandler;
}

function error(status: number, error: string, message: string, issues?: FieldIssue[]): AgentApiResponse {
  const body: ApiErrorBody = { error, message, ...(issues && issues.length > 0 ? { issues } : {}) };
  return { status, body };
}

function segmentsOf(path: string): string[] | undefined {
  const trimmed = path.split('?')[0] ?? '';
  const parts = trimmed.split('/').filter((s) => s !== '');
  return parts;
}

function decodeParam(raw: string, field: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new BadRequestError([{ field, reason: 'is not a valid URL-encoded value' }]);
  }
  return value;
}

/** A customer id from the path: what the store writes (no `#`, no spaces, bounded). */
function customerIdParam(value: string, field = 'id'): string {
  const control = [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (!/^[^#\s]{1,128}$/u.test(value) || control) {
    throw new BadRequestError([{ field, reason: 'expected a customer id (1–128 characters, no spaces or "#")' }]);
  }
  return value;
}

function contactIdParam(value: string): string {
  if (!CONTACT_ID_PATTERN.test(value)) {
    throw new BadRequestError([
      { field: 'contactId', reason: 'expected a contact id (letters, digits and "_ . : -", at most 128)' },
    ]);
  }
  return value;
}

/** `contactId` is an audit annotation on every read route: taken out before the route's own query schema. */
function splitContactId(query: Record<string, string | undefined>): {
  rest: Record<string, string | undefined>;
  contactId?: string;
} {
  const { contactId, ...rest } = query;
  const parsed = parseQuery(customerQuerySchema, contactId === undefined ? {} : { contactId });
  return parsed.contactId === undefined ? { rest } : { rest, contactId: parsed.contactId };
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined) throw new BadRequestError([{ field: 'body', reason: 'is required (a JSON object)' }]);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError([{ field: 'body', reason: 'expected a JSON object' }]);
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new BadRequestError(fieldIssues(result.error, body));
  return result.data;
}

export function createAgentApi(deps: AgentApiDeps): (req: AgentApiRequest) => Promise<AgentApiResponse> {
  const now = deps.now ?? (() => new Date());
  const contactPointQuery = contactPointQuerySchema(deps.defaultCountry);
  const dispositions = [...deps.dispositions];

  const routes: Route[] = [
    {
      method: 'GET',
      segments: ['me'],
      params: [],
      handle: async (req) => {
        const body: MeResponse = { agent: req.principal, dispositions, timeZone: deps.timeZone };
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      segments: ['search'],
      params: [],
      handle: async (req) => {
        const query = parseQuery(searchQuerySchema, req.query);
        const body = await searchCustomers(
          { store: deps.store, accessTrail: deps.accessTrail, defaultCountry: deps.defaultCountry, now },
          req.principal,
          query.q,
          query.contactId !== undefined ? { contactId: query.contactId } : {},
        );
        return { status: 200, body };
      },
    },
    {
      method: 'GET',
      segments: ['customers', '*'],
      params: ['id'],
      handle: async (req, [rawId]) => {
        const id = customerIdParam(rawId!);
        const { rest, contactId } = splitContactId(req.query);
        parseQuery(z.strictObject({}), rest);
        // Recorded before the read: an agent who asked for a customer is on the trail even if it is gone.
        await recordAccess(deps.accessTrail, req.principal, {
          subjects: [{ customerId: id }],
          action: 'view-customer',
          at: now(),
          ...(contactId !== undefined ? { contactId } : {}),
        });
        const customer = await deps.store.getCustomer(id);
        if (!customer)
          return error(404, 'NotFound', `no customer ${id}`, [{ field: 'id', reason: 'no such customer' }]);
        return { status: 200, body: { customer: toAgentCustomer(customer, deps.defaultCountry) } };
      },
    },
    {
      method: 'GET',
      segments: ['customers', '*', 'timeline'],
      params: ['id'],
      handle: async (req, [rawId]) => {
        const id = customerIdParam(rawId!);
        const { rest, contactId } = splitContactId(req.query);
        const page = parseQuery(timelineQuerySchema, rest);
        await recordAccess(deps.accessTrail, req.principal, {
          subjects: [{ customerId: id }],
          action: 'view-timeline',
          at: now(),
          ...(contactId !== undefined ? { contactId } : {}),
        });
        const timeline = await customerTimeline(deps.store, id, page);
        return {
          status: 200,
          body: {
            ...(timeline.customer ? { customer: toAgentCustomer(timeline.customer, deps.defaultCountry) } : {}),
            owner: timeline.owner,
            interactions: timeline.interactions,
            ...(timeline.cursor ? { cursor: timeline.cursor } : {}),
          },
        };
      },
    },
    {
      method: 'GET',
      segments: ['contact-points', 'timeline'],
      params: [],
      handle: async (req) => {
        const { rest, contactId } = splitContactId(req.query);
        const query = parseQuery(contactPointQuery, rest);
        await recordAccess(deps.accessTrail, req.principal, {
          subjects: [query.phone !== undefined ? { phone: query.phone } : { email: query.email! }],
          action: 'view-contact-point-timeline',
          at: now(),
          ...(contactId !== undefined ? { contactId } : {}),
        });
        const timeline = await contactPointTimeline(deps.store, query);
        return {
          status: 200,
          body: {
            owner: timeline.owner,
            interactions: timeline.interactions,
            ...(timeline.cursor ? { cursor: timeline.cursor } : {}),
          },
        };
      },
    },
    {
      method: 'PUT',
      segments: ['contacts', '*', 'wrap-up'],
      params: ['contactId'],
      handle: async (req, [rawContactId]) => {
        const contactId = contactIdParam(rawContactId!);
        const request = parseBody(WrapUpRequestSchema, req.body);
        const result = await wrapUp(
          { store: deps.store, dispositions, defaultCountry: deps.defaultCountry, now },
          req.principal,
          contactId,
          request,
        );
        return { status: result.status, body: result.body };
      },
    },
    {
      method: 'PUT',
      segments: ['customers', '*', 'latest-inquiry'],
      params: ['id'],
      handle: async (req, [rawId]) => {
        const id = customerIdParam(rawId!);
        const request = parseBody(InquiryStatusRequestSchema, req.body);
        const customer = await changeLatestInquiryStatus(deps.store, req.principal, id, request);
        return { status: 200, body: { customer: toAgentCustomer(customer, deps.defaultCountry) } };
      },
    },
    {
      method: 'POST',
      segments: ['interactions', 'link'],
      params: [],
      handle: async (req) => {
        const request = parseBody(LinkRequestSchema, req.body);
        const result = await linkClaimedContact(
          { store: deps.store, defaultCountry: deps.defaultCountry, now },
          req.principal,
          request,
        );
        return { status: result.status, body: result.body };
      },
    },
  ];

  function match(method: string, segments: string[]): { route: Route; raw: string[] } | 'method' | undefined {
    let pathMatched = false;
    for (const route of routes) {
      if (route.segments.length !== segments.length) continue;
      const raw: string[] = [];
      const ok = route.segments.every((s, i) => {
        if (s === '*') {
          raw.push(segments[i]!);
          return true;
        }
        return s === segments[i];
      });
      if (!ok) continue;
      if (route.method === method) return { route, raw };
      pathMatched = true;
    }
    return pathMatched ? 'method' : undefined;
  }

  return async (req) => {
    const principal = PrincipalSchema.safeParse(req.principal);
    if (req.principal === undefined || !principal.success) {
      return error(401, 'Unauthorized', 'Sign in as an agent to use the agent API.');
    }
    const method = typeof req.method === 'string' ? req.method.toUpperCase() : '';
    const path = typeof req.path === 'string' ? req.path : '';
    if (path.length > MAX_PATH_CHARS) return error(404, 'NotFound', 'No such route.');
    const segments = segmentsOf(path) ?? [];
    const found = match(method, segments);
    if (found === undefined) return error(404, 'NotFound', 'No such route.');
    if (found === 'method') return error(405, 'MethodNotAllowed', `${method} is not allowed on this route.`);
    try {
      const params = found.raw.map((raw, i) => decodeParam(raw, found.route.params[i] ?? 'path'));
      const query = typeof req.query === 'object' && req.query !== null ? req.query : {};
      return await found.route.handle({ ...req, method, path, query, principal: principal.data }, params);
    } catch (err) {
      if (err instanceof BadRequestError) return error(400, 'BadRequest', 'The request is invalid.', err.issues);
      if (err instanceof CustomerStoreInputError) {
        return error(400, 'BadRequest', 'The request is invalid.', [{ field: 'cursor', reason: err.message }]);
      }
      if (err instanceof ForbiddenError) return error(403, 'Forbidden', err.message, err.issues);
      if (err instanceof AgentNotFoundError) return error(404, 'NotFound', err.message, err.issues);
      if (err instanceof NotFoundError) {
        return error(404, 'NotFound', err.message, [{ field: 'id', reason: 'no such customer' }]);
      }
      if (err instanceof ConflictError) return error(409, 'Conflict', err.message, err.issues);
      deps.onError?.(err);
      if (err instanceof AccessTrailUnavailableError) {
        return error(503, 'AccessTrailUnavailable', err.message);
      }
      return error(500, 'InternalError', 'The request could not be processed. Please retry later.');
    }
  };
}
