import type {
  ApiErrorBody,
  CustomerResponse,
  InquiryStatusRequest,
  LinkRequest,
  LinkResponse,
  MeResponse,
  SearchResponse,
  TimelineResponse,
  WrapUpRequest,
  WrapUpResponse,
} from '../../../lambdas/shared/agent/contract';

/**
 * The agent API from the browser: one method per route of lambdas/shared/agent/contract.ts, typed by its
 * request and response types (types only: zod stays out of the bundle). Every failure is an
 * {@link ApiError} with a kind the screen words (and, for 400, the fields the API named).
 */

export type ApiErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'server'
  | 'network';

export interface FieldIssue {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | undefined,
    message: string,
    readonly issues: FieldIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }

  /** The reason the API gave for `field` (or a field under it, `target.newCustomer.name`), if any. */
  issueFor(field: string): string | undefined {
    return this.issues.find((i) => i.field === field || i.field.startsWith(`${field}.`))?.reason;
  }
}

export function errorKind(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  return 'server';
}

export interface AgentApiOptions {
  /** e.g. `/api` or `/agent/api` (relative to the page's origin) */
  baseUrl: string;
  fetch: typeof fetch;
  /** Headers that say who is calling: `Authorization: Bearer …` or, locally, `X-Local-Agent`. */
  credentials: () => Promise<Record<string, string>>;
  /** Told about every 401, so the app can ask to sign in again. */
  onUnauthorized?: () => void;
}

export class AgentApi {
  constructor(private readonly options: AgentApiOptions) {}

  me(): Promise<MeResponse> {
    return this.request('GET', '/me');
  }

  /** `contactId`: the contact being handled, which every read route keeps in the access trail. */
  search(q: string, contactId?: string): Promise<SearchResponse> {
    return this.request('GET', `/search?${withContact(new URLSearchParams({ q }), contactId)}`);
  }

  customer(customerId: string, contactId?: string): Promise<CustomerResponse> {
    const query = contactId ? `?${new URLSearchParams({ contactId })}` : '';
    return this.request('GET', `/customers/${encodeURIComponent(customerId)}${query}`);
  }

  timeline(customerId: string, page: TimelinePage): Promise<TimelineResponse> {
    return this.request('GET', `/customers/${encodeURIComponent(customerId)}/timeline?${pageQuery(page)}`);
  }

  contactPointTimeline(
    contactPoint: { phone: string } | { email: string },
    page: TimelinePage,
  ): Promise<TimelineResponse> {
    const q = new URLSearchParams(contactPoint);
    return this.request('GET', `/contact-points/timeline?${q}&${pageQuery(page)}`);
  }

  wrapUp(contactId: string, body: WrapUpRequest): Promise<WrapUpResponse> {
    return this.request('PUT', `/contacts/${encodeURIComponent(contactId)}/wrap-up`, body);
  }

  setLatestInquiryStatus(customerId: string, body: InquiryStatusRequest): Promise<CustomerResponse> {
    return this.request('PUT', `/customers/${encodeURIComponent(customerId)}/latest-inquiry`, body);
  }

  link(body: LinkRequest): Promise<LinkResponse> {
    return this.request('POST', '/interactions/link', body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(await this.options.credentials()) };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.options.fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError('network', undefined, 'the agent API could not be reached', [], { cause: err });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.ok) {
      if (parsed === undefined) throw new ApiError('server', res.status, 'the agent API answered without JSON');
      return parsed as T;
    }
    const kind = errorKind(res.status);
    if (kind === 'unauthorized') this.options.onUnauthorized?.();
    const error = isErrorBody(parsed) ? parsed : undefined;
    throw new ApiError(kind, res.status, error?.message ?? `HTTP ${res.status}`, error?.issues ?? []);
  }
}

export interface TimelinePage {
  limit: number;
  cursor?: string;
  /** The contact being handled (access trail). */
  contactId?: string;
}

function pageQuery(page: TimelinePage): string {
  const q = new URLSearchParams({ limit: String(page.limit) });
  if (page.cursor) q.set('cursor', page.cursor);
  return withContact(q, page.contactId).toString();
}

function withContact(q: URLSearchParams, contactId: string | undefined): URLSearchParams {
  if (contactId) q.set('contactId', contactId);
  return q;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ApiErrorBody>;
  return (
    typeof v.message === 'string' &&
    (v.issues === undefined ||
      (Array.isArray(v.issues) && v.issues.every((i) => typeof i?.field === 'string' && typeof i?.reason === 'string')))
  );
}
