import { createHash } from 'node:crypto';
import type { CustomerStore } from '../customer-data/customer-store';
import { CLIENT_TOKEN_MAX } from './contact-channel';
import { BadRequestError, IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_REASON } from './requests';

/**
 * Idempotency of the public intake endpoints (`POST /chat`, `POST /inquiries`).
 *
 * A client makes a request retry-safe by sending an idempotency key — the `Idempotency-Key` HTTP header
 * (any case) or the `clientToken` body field: 1–64 characters of `[A-Za-z0-9_-]`, e.g. a UUID generated
 * once per form submission and reused for every retry of it. Everything the request creates is derived
 * from {@link requestDigest} (the key AND the request body), never from randomness or the clock alone:
 * - the Connect ClientToken (StartChatContact / StartTaskContact return the same contact for 7 days);
 * - the inquiry id (`inquiry-id.ts` {@link derivedInquiryId}), hence the WEB_FORM interaction's sourceId, the
 *   task's ClientToken and the VOC message's sourceId; a chat's sourceId is the contact id Connect returns
 *   for the ClientToken.
 * A customer the request creates is created once per contact point (CustomerStore.createCustomerFor), so a
 * retry finds the one its first attempt created.
 *
 * A key belongs to the first request it came with, for {@link IDEMPOTENCY_KEY_RETAIN_MS}: the same key
 * with a different body is refused with 422 naming the key ({@link IdempotencyKeyReusedError}), as the IETF
 * idempotency-key draft (draft-ietf-httpapi-idempotency-key-header) asks, instead of quietly becoming a
 * second request. Keys are not authenticated (the endpoints are public): ids derive from the key AND the
 * body, so nobody can obtain another visitor's chat by guessing a key. Without a key a request still
 * works, but a retry of it creates a second contact.
 */

/** How long a key stays bound to its request: Connect's ClientToken window (7 days). */
export const IDEMPOTENCY_KEY_RETAIN_MS = 7 * 24 * 60 * 60 * 1000;

/** The key came back with a different request body (HTTP 422, naming the key). */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(
      `${IDEMPOTENCY_KEY_HEADER} "${key}" was already used for a different request; send a new key for a new request`,
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * Binds `key` to the request `digest` ({@link requestDigest}) on first use; a retry with the same request
 * passes, another request under the same key throws {@link IdempotencyKeyReusedError}.
 */
export async function assertKeyFitsRequest(
  store: CustomerStore,
  kind: 'chat' | 'inquiry',
  key: string,
  digest: string,
  now: Date,
): Promise<void> {
  const seen = await store.rememberIdempotencyKey(kind, key, digest, { now, retainMs: IDEMPOTENCY_KEY_RETAIN_MS });
  if (seen === 'different') throw new IdempotencyKeyReusedError(key);
}

/** Header carrying the key (HTTP header names are case-insensitive; HTTP API lower-cases them). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The idempotency key of a request: the `Idempotency-Key` header or the body's `clientToken` (already
 * validated by the body schema).
 * @throws BadRequestError naming `Idempotency-Key` when the header is malformed or disagrees with the body.
 */
export function idempotencyKeyOf(
  headers: Record<string, string | undefined> | undefined,
  bodyKey: string | undefined,
): string | undefined {
  const name = IDEMPOTENCY_KEY_HEADER.toLowerCase();
  const header = Object.entries(headers ?? {}).find(([k, v]) => k.toLowerCase() === name && v !== undefined)?.[1];
  if (header === undefined) return bodyKey;
  const key = header.trim();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new BadRequestError([{ field: IDEMPOTENCY_KEY_HEADER, reason: IDEMPOTENCY_KEY_REASON }]);
  }
  if (bodyKey !== undefined && bodyKey !== key) {
    throw new BadRequestError([{ field: IDEMPOTENCY_KEY_HEADER, reason: 'differs from clientToken in the body' }]);
  }
  return key;
}

/** JSON with object keys sorted: the same request always serializes the same way. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) of the endpoint, the key and the validated request without its `clientToken`: the root of
 * every id the request creates. Independent of the customer the request resolves to and of the time.
 */
export function requestDigest(kind: 'chat' | 'inquiry', key: string, request: object): string {
  const { clientToken: _key, ...body } = request as Record<string, unknown>;
  return createHash('sha256')
    .update(`${kind}\n${key}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** Connect ClientToken of a chat started by a keyed request. */
export function chatClientToken(digest: string): string {
  return `chat-${digest}`.slice(0, CLIENT_TOKEN_MAX);
}
