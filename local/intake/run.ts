import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import type { IdentityLevel } from '../../lambdas/shared/customer-data/model';
import { CUSTOMER_TABLE_ENV } from '../../lambdas/shared/customer-data/table-schema';
import {
  type AcknowledgementSender,
  type EmailIntakeResult,
  processEmail,
} from '../../lambdas/shared/intake/email-intake';
import { HmacIdentityTokenVerifier } from '../../lambdas/shared/intake/identity-token';
import { type OneTimeCodeStore, requestOneTimeCode } from '../../lambdas/shared/intake/one-time-code';
import {
  BadRequestError,
  chatRequestSchema,
  codeRequestSchema,
  fieldIssues,
} from '../../lambdas/shared/intake/requests';
import { startChat } from '../../lambdas/shared/intake/web-intake';
import type { ContactCenterConfig } from '../../lib/config';
import type { LambdaHandler } from '../interpreter/types';
import { appendJsonLine } from '../json-lines';
import { loadLocalConfig } from '../runtime/config';
import { buildLocalContactCenter, type LocalContactCenter } from '../runtime/environment';
import { loadIvrLookupHandler } from '../runtime/lambda-env';
import { localIdentityKey, signIdentityToken } from './identity-token-issuer';
import { JsonLinesVocSink, LocalContactChannel, vocMessagesPath } from './local-contact-channel';

/**
 * The local side of omnichannel intake, used by `contact-center chat` and `contact-center email`:
 * the same domain code as the Lambdas (web-intake.ts, email-intake.ts) with local adapters.
 */

export class IntakeInputError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`${input}: ${reason}`);
    this.name = 'IntakeInputError';
  }
}

export interface LocalIntakeContext {
  store: CustomerStore;
  home: string;
  config?: ContactCenterConfig;
  /** The local instance, when the caller already has one (the console builds it once at start). */
  contactCenter?: LocalContactCenter;
  now?: () => Date;
  /** Where one-time codes live (the local table); without it `--code` is refused. */
  oneTimeCodes?: OneTimeCodeStore;
  /**
   * The ivr-lookup handler the chat flow invokes (emergency announcement).
   * @default - the real handler when the environment points at a customer table (as within a local store), else none
   */
  ivrLookup?: LambdaHandler;
}

export interface ChatJson {
  contactId: string;
  /** The customer whose history holds the chat when the visitor is verified; null for a claim. */
  customerId: string | null;
  newCustomer: boolean;
  /** `verified` (identity token) or `claimed` (what was typed: reveals nothing of a customer). */
  identity: IdentityLevel;
  /** A replay of an earlier chat request (same --idempotency-key and options): nothing new was recorded. */
  duplicate: boolean;
  messages: string[];
  outcome: { type: string; queue?: string };
}

export interface LocalChatOptions {
  name: string;
  email?: string;
  phone?: string;
  message?: string;
  locale?: string;
  agentsAvailable?: number;
  /** As the `Idempotency-Key` header of `POST /chat`: the same key and options give the same chat. */
  idempotencyKey?: string;
  /** An identity token issued by the embedding website (signed with the local key: identity-token-issuer.ts). */
  identityToken?: string;
  /** The one-time code sent to --email (see {@link requestLocalCode}). */
  oneTimeCode?: string;
  /**
   * Play the embedding website: sign an identity token for --email/--phone/--name with the local key
   * and send it, as a site does for its signed-in visitor.
   */
  verified?: boolean;
}

/** Checks identity tokens against the local key, as the Lambdas do against the key in Secrets Manager. */
export function localIdentityVerifier(
  home: string,
  config: ContactCenterConfig,
  now?: () => Date,
): HmacIdentityTokenVerifier {
  return new HmacIdentityTokenVerifier(async () => localIdentityKey(home), {
    defaultCountry: config.defaultCountry,
    // The local contact center's clock (`--at`) is the one tokens are checked against.
    ...(now ? { now } : {}),
  });
}

/** The `chat` option naming each request field, so an error names what the user typed. */
const CHAT_FLAGS: Record<string, string> = {
  displayName: '--name',
  locale: '--locale',
  clientToken: '--idempotency-key',
  identityToken: '--identity-token',
  oneTimeCode: '--code',
};

/**
 * Sends a one-time code to `email` as `POST /identity/codes` does; locally the message goes to the
 * outbox journal `<home>/intake/outbox.jsonl` (where acknowledgements go), to be read from there.
 */
export async function requestLocalCode(
  ctx: Pick<LocalIntakeContext, 'home' | 'now' | 'oneTimeCodes'>,
  options: { email: string; locale?: string },
): Promise<{ codeSentTo: string; outbox: string; sent: boolean }> {
  if (!ctx.oneTimeCodes) throw new Error('requestLocalCode: no one-time code store');
  const parsed = codeRequestSchema().safeParse({ email: options.email, locale: options.locale ?? 'ja-JP' });
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error, options)[0]!;
    throw new IntakeInputError(`--${issue.field}`, issue.reason);
  }
  const outbox = path.join(ctx.home, 'intake', 'outbox.jsonl');
  const sent = await requestOneTimeCode(
    { codes: ctx.oneTimeCodes, sender: new OutboxAcknowledgementSender(outbox), ...(ctx.now ? { now: ctx.now } : {}) },
    parsed.data.email,
    parsed.data.locale,
  );
  // sent false: a code went to this address less than a minute ago; it is still the one to use.
  return { codeSentTo: parsed.data.email, outbox, sent };
}

/** The ivr-lookup handler for the chat flow: given, or the real one once the environment names a table. */
function chatLambda(ctx: LocalIntakeContext): { ivrLookup?: LambdaHandler } {
  if (ctx.ivrLookup) return { ivrLookup: ctx.ivrLookup };
  return process.env[CUSTOMER_TABLE_ENV] ? { ivrLookup: loadIvrLookupHandler('SILENT') } : {};
}

/** Runs a web chat as `POST /chat` would, with the chat flow executed by the local interpreter. */
export async function runLocalChat(ctx: LocalIntakeContext, options: LocalChatOptions): Promise<ChatJson> {
  const config = ctx.config ?? loadLocalConfig();
  if (options.verified && options.identityToken !== undefined) {
    throw new IntakeInputError('--verified', 'give either --verified or --identity-token, not both');
  }
  const identityToken = options.verified
    ? await signIdentityToken(
        localIdentityKey(ctx.home),
        {
          subject: `local:${options.email ?? options.phone ?? options.name}`,
          ...(options.email !== undefined ? { email: options.email } : {}),
          ...(options.phone !== undefined ? { phone: options.phone } : {}),
          name: options.name,
        },
        ctx.now ? { now: ctx.now() } : {},
      )
    : options.identityToken;
  const body = Object.fromEntries(
    Object.entries({
      displayName: options.name,
      email: options.email,
      phone: options.phone,
      message: options.message,
      locale: options.locale,
      clientToken: options.idempotencyKey,
      identityToken,
      oneTimeCode: options.oneTimeCode,
    }).filter(([, v]) => v !== undefined),
  );
  const parsed = chatRequestSchema(config.defaultCountry).safeParse(body);
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error, body)[0]!;
    const flag = CHAT_FLAGS[issue.field] ?? `--${issue.field}`;
    throw new IntakeInputError(
      flag,
      issue.field === 'email' && issue.reason.includes('or phone') ? '--email or --phone is required' : issue.reason,
    );
  }
  const channel = new LocalContactChannel({
    contactCenter: ctx.contactCenter ?? buildLocalContactCenter(config),
    home: ctx.home,
    ...(ctx.now ? { now: ctx.now } : {}),
    agentsAvailable: options.agentsAvailable ?? 1,
    ...chatLambda(ctx),
  });
  const chat = await startChat(
    {
      store: ctx.store,
      channel,
      identityTokens: localIdentityVerifier(ctx.home, config, ctx.now),
      ...(ctx.oneTimeCodes ? { oneTimeCodes: { codes: ctx.oneTimeCodes, ...(ctx.now ? { now: ctx.now } : {}) } } : {}),
      ...(ctx.now ? { now: ctx.now } : {}),
    },
    parsed.data,
  ).catch((err: unknown) => {
    if (err instanceof BadRequestError) {
      const issue = err.issues[0]!;
      throw new IntakeInputError(CHAT_FLAGS[issue.field] ?? `--${issue.field}`, issue.reason);
    }
    throw err;
  });
  return {
    contactId: chat.contactId,
    customerId: chat.customerId,
    newCustomer: chat.newCustomer,
    identity: chat.identity,
    duplicate: chat.duplicate,
    messages: chat.simulation?.messages ?? [],
    outcome: chat.simulation?.outcome ?? { type: 'error' },
  };
}

export interface EmailJson {
  messageId: string;
  /** null when the message was skipped (no customer was resolved). */
  customerId: string | null;
  newCustomer: boolean;
  duplicate: boolean;
  subject?: string;
  text: string;
  attachments: EmailIntakeResult['attachments'];
  status: EmailIntakeResult['status'];
  /** Why the message was not processed ('spam' or 'virus': the SES verdict), null when it was. */
  skipped: NonNullable<EmailIntakeResult['skippedBecause']> | null;
  /** `verified` when SES's own verdicts authenticated the From domain, `claimed` otherwise; absent when not processed. */
  identity?: NonNullable<EmailIntakeResult['identity']>;
  /** Why the message is unusable (a MIME limit, unreadable, no sender); only with status 'unusable'. */
  unusable?: string;
  /** Same as `skipped` (kept for earlier consumers); only on skipped messages. */
  skippedBecause?: EmailIntakeResult['skippedBecause'];
  inquiryId?: string;
  taskContactId?: string;
  threadId?: string;
  acknowledged: boolean;
}

/** Acknowledgements written to `<home>/intake/outbox.jsonl` instead of being sent. */
export class OutboxAcknowledgementSender implements AcknowledgementSender {
  constructor(readonly file: string) {}
  async send(message: { to: string; subject: string; text: string; inReplyTo?: string }) {
    appendJsonLine(this.file, { ...message, at: new Date().toISOString() });
    return {};
  }
}

/** Largest message accepted, as SES (40 MB including headers). */
export const MAX_EMAIL_BYTES = 40 * 1024 * 1024;

/** Processes an .eml file as if SES had stored it and notified the email-intake Lambda. */
export async function runLocalEmail(
  ctx: LocalIntakeContext,
  file: string,
  options: { maxTextChars?: number } = {},
): Promise<EmailJson> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new IntakeInputError('--file', `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (size === 0) throw new IntakeInputError('--file', `${file} is empty`);
  if (size > MAX_EMAIL_BYTES)
    throw new IntakeInputError('--file', `${file} exceeds ${MAX_EMAIL_BYTES} bytes (SES limit)`);
  const raw = readFileSync(file);
  const config = ctx.config ?? loadLocalConfig();
  const result = await processEmail(
    {
      store: ctx.store,
      channel: new LocalContactChannel({
        contactCenter: ctx.contactCenter ?? buildLocalContactCenter(config),
        home: ctx.home,
        ...(ctx.now ? { now: ctx.now } : {}),
      }),
      voc: new JsonLinesVocSink(vocMessagesPath(ctx.home)),
      acknowledgements: new OutboxAcknowledgementSender(path.join(ctx.home, 'intake', 'outbox.jsonl')),
      ...(ctx.now ? { now: ctx.now } : {}),
      ...(options.maxTextChars ? { maxTextChars: options.maxTextChars } : {}),
    },
    raw,
    { location: path.resolve(file), fallbackId: `file:${path.basename(file)}` },
  ).catch((err: unknown) => {
    if (err instanceof BadRequestError) throw new IntakeInputError('--file', err.message);
    throw err;
  });
  const { status, skippedBecause, inquiryId, taskContactId, threadId, acknowledged, identity, unusableBecause } =
    result;
  return {
    messageId: result.messageId,
    customerId: result.customerId ?? null,
    newCustomer: result.status === 'skipped' ? false : result.newCustomer,
    duplicate: result.duplicate,
    ...(result.subject !== undefined ? { subject: result.subject } : {}),
    text: result.text,
    attachments: result.attachments,
    status,
    skipped: skippedBecause ?? null,
    ...(skippedBecause ? { skippedBecause } : {}),
    ...(identity ? { identity } : {}),
    ...(unusableBecause ? { unusable: unusableBecause } : {}),
    ...(inquiryId ? { inquiryId } : {}),
    ...(taskContactId ? { taskContactId } : {}),
    ...(threadId ? { threadId } : {}),
    acknowledged,
  };
}
