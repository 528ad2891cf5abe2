import { z } from 'zod';
import { LANGUAGES } from '../customer-data/model';
import { normalizePhone } from '../phone';

/**
 * Request bodies of the public intake endpoints (`POST /chat`, `POST /inquiries`) and how a bad one is
 * explained: every problem is reported as `{ field, reason }` so a web form can point at the field.
 */

/** Largest JSON body accepted by the public endpoints, in bytes (UTF-8). */
export const MAX_BODY_BYTES = 16 * 1024;
/** Longest first chat message (characters); Connect accepts more, a first message needs no more. */
export const MAX_CHAT_MESSAGE_CHARS = 1024;
/** Longest web form message (characters): it becomes the task description, which Connect caps at 4096. */
export const MAX_INQUIRY_MESSAGE_CHARS = 4000;

/** Longest identity token read (characters), so a hostile body cannot make us parse megabytes. */
export const MAX_IDENTITY_TOKEN_CHARS = 4096;

/** An idempotency key (`Idempotency-Key` header or `clientToken` field; see idempotency.ts). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const IDEMPOTENCY_KEY_REASON = 'expected 1–64 characters of A-Z, a-z, 0-9, "_" or "-" (e.g. a UUID)';

export interface FieldIssue {
  field: string;
  reason: string;
}

/** A request the caller must fix; `issues` name each field and why. */
export class BadRequestError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid request: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    this.name = 'BadRequestError';
  }
}

/**
 * A phone number in any common format → E.164, national numbers read in `defaultCountry`
 * (shared/phone.ts); anything else is an issue saying `message`.
 */
export function e164Phone(input: z.ZodString, defaultCountry: string, message: string) {
  return input.transform((raw, ctx) => {
    const result = normalizePhone(raw, defaultCountry);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return result.e164;
  });
}

const trimmed = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

const contactFields = (defaultCountry: string) => ({
  email: z
    .string()
    .trim()
    .max(254, 'at most 254 characters')
    .pipe(z.email('expected an email address such as taro@example.jp'))
    .transform((e) => e.toLowerCase())
    .optional(),
  phone: e164Phone(
    z.string().max(32, 'at most 32 characters'),
    defaultCountry,
    'expected a phone number such as 03-1234-5678 or +81 3 1234 5678',
  ).optional(),
  locale: z.enum(LANGUAGES, { message: `expected one of ${LANGUAGES.join(', ')}` }).default('ja-JP'),
  /** Idempotency key, for clients that cannot send the `Idempotency-Key` header. */
  clientToken: z.string().regex(IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_REASON).optional(),
  /**
   * A JWT from the website that embeds the chat or form, vouching for its signed-in visitor
   * (identity-token.ts). Without it, email and phone are only claimed.
   */
  identityToken: z
    .string()
    .min(1, 'must not be empty')
    .max(MAX_IDENTITY_TOKEN_CHARS, `at most ${MAX_IDENTITY_TOKEN_CHARS} characters`)
    .optional(),
  /** The code sent to `email` (one-time-code.ts): with it, the email address is verified. */
  oneTimeCode: z
    .string()
    .regex(/^\d{6}$/, 'expected the 6-digit code from the email')
    .optional(),
});

function requireContactPoint(
  value: { email?: string; phone?: string; identityToken?: string; oneTimeCode?: string },
  ctx: z.RefinementCtx,
): void {
  // An identity token carries its own contact points.
  if (value.email === undefined && value.phone === undefined && value.identityToken === undefined) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'email or phone is required' });
  }
  if (value.oneTimeCode !== undefined && value.email === undefined && value.identityToken === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['email'],
      message: 'is required with oneTimeCode (the address the code went to)',
    });
  }
  if (value.oneTimeCode !== undefined && value.identityToken !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['oneTimeCode'],
      message: 'give either identityToken or oneTimeCode, not both',
    });
  }
}

export function chatRequestSchema(defaultCountry: string) {
  return z
    .strictObject({
      displayName: trimmed(100),
      ...contactFields(defaultCountry),
      message: z.string().trim().max(MAX_CHAT_MESSAGE_CHARS, `at most ${MAX_CHAT_MESSAGE_CHARS} characters`).optional(),
    })
    .superRefine(requireContactPoint);
}
export type ChatRequest = z.output<ReturnType<typeof chatRequestSchema>>;

export function inquiryRequestSchema(defaultCountry: string) {
  return z
    .strictObject({
      name: trimmed(100),
      ...contactFields(defaultCountry),
      subject: trimmed(200),
      message: trimmed(MAX_INQUIRY_MESSAGE_CHARS),
    })
    .superRefine(requireContactPoint);
}
export type InquiryRequest = z.output<ReturnType<typeof inquiryRequestSchema>>;

/** `POST /identity/codes`: send a one-time code to an address. */
export function codeRequestSchema() {
  return z.strictObject({
    email: contactFields('JP').email.unwrap(),
    locale: contactFields('JP').locale,
  });
}
export type CodeRequest = z.output<ReturnType<typeof codeRequestSchema>>;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod issues → `{ field, reason }` (an unknown key is reported as its own field); `input` is what was parsed. */
export function fieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: key, reason: 'unknown field' });
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    const reason =
      issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined
        ? 'is required'
        : issue.code === 'invalid_type'
          ? `expected ${issue.expected}`
          : issue.message;
    out.push({ field, reason });
  }
  return out;
}

/** The parts of an HTTP API (payload 2.0) event that carry a body. */
export interface HttpBodyEvent {
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

/**
 * Reads a JSON request body: content type, size and syntax are checked before the schema.
 * @throws BadRequestError naming `content-type` or `body` and why.
 */
export function parseJsonBody<T extends z.ZodType>(event: HttpBodyEvent, schema: T): z.output<T> {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const contentType = headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new BadRequestError([
      {
        field: 'content-type',
        reason: `expected application/json, got ${contentType === undefined ? 'no content type' : JSON.stringify(contentType)}`,
      },
    ]);
  }
  if (event.body === undefined || event.body === '') {
    throw new BadRequestError([{ field: 'body', reason: 'is required (a JSON object)' }]);
  }
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) {
    throw new BadRequestError([{ field: 'body', reason: `exceeds ${MAX_BODY_BYTES} bytes (${bytes.length})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BadRequestError([{ field: 'body', reason: 'is not valid JSON' }]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BadRequestError([{ field: 'body', reason: 'expected a JSON object' }]);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new BadRequestError(fieldIssues(result.error, json));
  return result.data;
}
