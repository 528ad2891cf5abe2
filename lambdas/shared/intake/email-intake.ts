import { createHash } from 'node:crypto';
import type { CustomerStore } from '../customer-data/customer-store';
import type { Interaction, Language } from '../customer-data/model';
import { sourceKey } from '../customer-data/table-schema';
import { truncateChars } from '../truncate-chars';
import { MAX_VOC_TEXT_CHARS } from '../voc/message';
import type { VocSink } from '../voc/voc-sink';
import { screenPopAttributes } from './attributes';
import { CLIENT_TOKEN_MAX, type ContactChannel, type TaskReference } from './contact-channel';
import {
  type EmailAttachmentInfo,
  type ParsedEmail,
  parseEmail,
  rejectionByVerdict,
  UnusableEmailError,
} from './email-message';
import {
  CLAIMED,
  type ContactIdentity,
  claimedAttributes,
  identityAttributes,
  identityFields,
  type PlacedContact,
  placeContact,
} from './identity';
import { newInquiryId } from './inquiry-id';
import { topLevelHeaderFields } from './mime-limits';
import { type ContactDetails, type ResolveOptions, resolveCustomer } from './resolve-customer';
import { contactLine, setLatestInquiry, UNVERIFIED_NOTE } from './web-intake';

/**
 * Email intake: a raw message as SES stored it → customer history, a Connect task, the VOC queue and
 * (optionally) an acknowledgement carrying the inquiry id.
 *
 * At-least-once and idempotent by Message-ID: the interaction is recorded FIRST (the store's source
 * marker is the idempotency key) with the progress of the later steps in its `details`; a redelivery
 * resumes where the previous attempt stopped. The task uses a ClientToken derived from the Message-ID
 * (Connect returns the same contact for 7 days), VOC is idempotent by sourceId, and the
 * acknowledgement is sent only while `details.acknowledged` is not yet set.
 *
 * Identity: the sender is verified only by SES's own SPF/DKIM/DMARC verdicts for the From domain
 * (ses-authentication.ts). Unverified mail is a claim: kept under the address it claims when a customer
 * owns it, never that customer's latest inquiry, never acknowledged (no backscatter to a forged sender).
 * A message over a MIME limit or unreadable is recorded as an unusable email with the reason, and not
 * retried (the same bytes would fail the same way).
 */

/** Port: sends the acknowledgement email (SESv2 adapter: ses-acknowledgement-sender.ts). */
export interface AcknowledgementSender {
  send(message: { to: string; subject: string; text: string; inReplyTo?: string }): Promise<{ messageId?: string }>;
}

export interface EmailIntakeDeps {
  store: CustomerStore;
  channel: ContactChannel;
  voc: VocSink;
  /** When absent, no acknowledgement is sent. */
  acknowledgements?: AcknowledgementSender;
  /** Our own receiving domains: mail from them is never acknowledged (no loops). */
  ownDomains?: string[];
  now?: () => Date;
  resolve?: ResolveOptions;
  newInquiryId?: (now: Date) => string;
  /** @default 10_000 */
  maxTextChars?: number;
}

/** Where the raw message is stored (a reference on the task), e.g. `s3://bucket/key` or a file path. */
export interface EmailSource {
  location: string;
  /** Used as source id when the message has no Message-ID (the SES message id / S3 key). */
  fallbackId: string;
}

export interface EmailIntakeResult {
  /** Message-ID (or the fallback id): the idempotency key and source id of the interaction. */
  messageId: string;
  /**
   * 'processed', 'duplicate' (already fully processed earlier), 'skipped' (SES verdict) or 'unusable'
   * (over a MIME limit, unreadable or without a sender: recorded with `unusableBecause`).
   */
  status: 'processed' | 'duplicate' | 'skipped' | 'unusable';
  skippedBecause?: 'spam' | 'virus';
  unusableBecause?: string;
  /** The customer whose history holds the email when SES authenticated the sender; absent for a claim. */
  customerId?: string;
  /** `verified` (SES authenticated the From domain) or `claimed`. */
  identity?: 'verified' | 'claimed';
  newCustomer: boolean;
  duplicate: boolean;
  subject?: string;
  text: string;
  attachments: EmailAttachmentInfo[];
  inquiryId?: string;
  taskContactId?: string;
  threadId?: string;
  acknowledged: boolean;
}

/**
 * How long a delivery holds its Message-ID: longer than the email-intake function may run (2 minutes), and
 * shorter than the queue's visibility timeout (12 minutes), so the redelivery of an attempt that died
 * takes the message over.
 */
export const EMAIL_LEASE_MS = 5 * 60 * 1000;

/** Another delivery of the same message is being processed right now: retry later (SQS redelivers). */
export class EmailInProgressError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} is being processed by another delivery; retry later`);
    this.name = 'EmailInProgressError';
  }
}

/** Subject shown for mail without one. */
export const NO_SUBJECT = '(件名なし)';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

function languageOf(email: ParsedEmail): Language {
  // The body says what language the sender writes in; the subject may quote a Japanese product name.
  const sample = email.text.trim() || email.subject || '';
  return JAPANESE.test(sample) ? 'ja-JP' : 'en-US';
}

export function clientTokenFor(sourceId: string): string {
  // Connect caps ClientToken at 500 characters; a digest is stable and short.
  const token = `email-${createHash('sha256').update(sourceId).digest('hex')}`;
  return token.slice(0, CLIENT_TOKEN_MAX);
}

function describeAttachments(attachments: EmailAttachmentInfo[]): string {
  return attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} B)`).join('; ');
}

/** Finds the thread this message continues: the first referenced message we recorded for this customer. */
async function findThread(
  store: CustomerStore,
  customerId: string,
  references: string[],
): Promise<{ threadId: string; inquiryId?: string } | undefined> {
  for (const ref of references.slice(0, 5)) {
    const earlier = await store.findInteractionBySource(ref);
    if (earlier && earlier.channel === 'EMAIL' && earlier.customerId === customerId) {
      return { threadId: earlier.details?.threadId ?? ref, inquiryId: earlier.details?.inquiryId };
    }
  }
  return undefined;
}

export function acknowledgement(
  language: Language,
  inquiryId: string,
  subject: string | undefined,
): { subject: string; text: string } {
  if (language === 'en-US') {
    return {
      subject: `[${inquiryId}] We have received your message${subject ? `: ${subject}` : ''}`,
      text: `Thank you for contacting us. We have received your message and an agent will reply.\n\nInquiry number: ${inquiryId}\n\nPlease quote this number if you contact us again.\n(This is an automatic reply.)`,
    };
  }
  return {
    subject: `【受付番号 ${inquiryId}】お問い合わせを受け付けました${subject ? `（${subject}）` : ''}`,
    text: `お問い合わせいただきありがとうございます。以下の内容で受け付けました。担当者より順次ご連絡いたします。\n\n受付番号: ${inquiryId}\n\n再度ご連絡いただく際は、この受付番号をお知らせください。\n（このメールは送信専用の自動返信です）`,
  };
}

/** Where unusable mail without a readable sender is kept (RFC 2606: `.invalid` is never a real domain). */
export const UNKNOWN_SENDER = 'unknown-sender@mail.invalid';

function firstAddressIn(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /<\s*([^<>\s@]+@[^<>\s@]+)\s*>/.exec(value) ?? /([^\s<>"(),;:@]+@[^\s<>"(),;:@]+)/.exec(value);
  const address = match?.[1]?.toLowerCase();
  return address && address.length <= 254 ? address : undefined;
}

/**
 * Records a message intake cannot use as an interaction with the reason (once per source id), under
 * the sender the raw headers name, or {@link UNKNOWN_SENDER}. Nothing else happens: no task, no VOC,
 * no acknowledgement.
 */
async function recordUnusable(
  deps: EmailIntakeDeps,
  raw: Buffer,
  source: EmailSource,
  reason: string,
): Promise<EmailIntakeResult> {
  const fields = topLevelHeaderFields(raw);
  const header = (name: string) => fields.find(([n]) => n === name)?.[1];
  const rawId = header('message-id');
  const messageId = (rawId ? stripAngle(rawId) : '') || source.fallbackId;
  const sender = firstAddressIn(header('from')) ?? firstAddressIn(header('return-path')) ?? UNKNOWN_SENDER;
  const now = (deps.now ?? (() => new Date()))();
  const { duplicate } = await deps.store.recordInteraction(
    { email: sender },
    {
      channel: 'EMAIL',
      direction: 'INBOUND',
      at: now.toISOString(),
      sourceId: messageId,
      subject: truncateChars(header('subject') ?? NO_SUBJECT, 200).text,
      status: 'unusable',
      identity: 'claimed',
      details: { unusableBecause: reason, rawMessage: source.location, from: sender },
    },
  );
  return {
    messageId,
    status: 'unusable',
    unusableBecause: reason,
    newCustomer: false,
    duplicate,
    text: '',
    attachments: [],
    acknowledged: false,
  };
}

function stripAngle(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim().slice(0, 998);
}

export async function processEmail(
  deps: EmailIntakeDeps,
  raw: Buffer,
  source: EmailSource,
): Promise<EmailIntakeResult> {
  const held: { messageId?: string } = {};
  try {
    return await processEmailOnce(deps, raw, source, held);
  } catch (err) {
    // A delivery that failed gives its Message-ID back: the redelivery resumes at once, not after the lease.
    if (held.messageId !== undefined) await deps.store.releaseSource(held.messageId).catch(() => undefined);
    throw err;
  }
}

async function processEmailOnce(
  deps: EmailIntakeDeps,
  raw: Buffer,
  source: EmailSource,
  held: { messageId?: string },
): Promise<EmailIntakeResult> {
  let email: ParsedEmail;
  try {
    email = await parseEmail(raw, { maxTextChars: deps.maxTextChars });
    if (!email.from) throw new UnusableEmailError('the message has no sender address (From)');
  } catch (err) {
    if (err instanceof UnusableEmailError) return recordUnusable(deps, raw, source, err.reason);
    throw err;
  }
  const messageId = email.messageId ?? source.fallbackId;
  const base = {
    messageId,
    subject: email.subject,
    text: email.text,
    attachments: email.attachments,
    newCustomer: false,
    duplicate: false,
    acknowledged: false,
  };
  const rejected = rejectionByVerdict(email);
  if (rejected) return { ...base, status: 'skipped', skippedBecause: rejected };
  const from = email.from;
  const now = (deps.now ?? (() => new Date()))();
  const senderAddress = from.address.toLowerCase();
  const identity: ContactIdentity = email.authentication.fromVerified
    ? { level: 'verified', method: 'ses-authentication' }
    : CLAIMED;
  const contact: ContactDetails = {
    name: from.name ?? senderAddress.split('@')[0]!,
    email: senderAddress,
    language: languageOf(email),
  };
  // The Message-ID is claimed before anything else: of N concurrent deliveries one does the work (one
  // customer, one task, one VOC message, at most one acknowledgement); the others fail and come back.
  const lease = await deps.store.claimSource(messageId, { now, leaseMs: EMAIL_LEASE_MS });
  if (lease === 'in_progress') throw new EmailInProgressError(messageId);
  if (lease === 'claimed') held.messageId = messageId;

  // A redelivery: resume the steps a previous attempt did not finish.
  const earlier = await deps.store.findInteractionBySource(messageId);
  let newCustomer = false;
  let details: Record<string, string>;
  let interaction: Interaction;
  let didWork = false;
  const earlierCustomer = earlier?.customerId ? await deps.store.getCustomer(earlier.customerId) : undefined;
  let placed: PlacedContact;
  if (earlier && earlierCustomer) {
    placed = {
      identity,
      owner: { customerId: earlierCustomer.customerId },
      customer: earlierCustomer,
      mayUpdateProfile: identity.level === 'verified',
      newCustomer: false,
    };
    details = { ...earlier.details };
    interaction = earlier;
  } else {
    const resolved = await resolveCustomer(deps.store, contact, deps.resolve);
    placed = placeContact(resolved, contact, identity);
    newCustomer = resolved.newCustomer;
    // A claim never continues a customer's thread: it could borrow an inquiry id that is not its own.
    const thread = placed.mayUpdateProfile
      ? await findThread(deps.store, resolved.customer.customerId, email.threadReferences)
      : undefined;
    details = {
      inquiryId: thread?.inquiryId ?? (deps.newInquiryId ?? newInquiryId)(now),
      threadId: thread?.threadId ?? messageId,
      from: senderAddress,
      rawMessage: source.location,
    };
    if (email.authentication.unverifiedBecause) details.unverifiedBecause = email.authentication.unverifiedBecause;
    if (email.attachments.length > 0) details.attachments = describeAttachments(email.attachments);
    if (email.textTruncated) details.textTruncated = 'true';
    interaction = {
      channel: 'EMAIL',
      direction: 'INBOUND',
      at: now.toISOString(),
      sourceId: messageId,
      subject: email.subject ?? NO_SUBJECT,
      summary: truncateChars(email.text, 1000).text,
      status: 'received',
      ...identityFields(identity),
      details,
    };
    const { duplicate } = await deps.store.recordInteraction(placed.owner, interaction);
    if (duplicate) {
      // Lost a race with a concurrent delivery of the same message: continue from what it recorded.
      const winner = await deps.store.findInteractionBySource(messageId);
      if (winner) {
        details = { ...winner.details };
        interaction = winner;
      }
    } else {
      didWork = true;
    }
  }
  const customer = placed.customer;
  const inquiryId = details.inquiryId ?? (deps.newInquiryId ?? newInquiryId)(now);

  if (details.taskContactId === undefined) {
    let attributes: Record<string, string>;
    if (customer) {
      const { latestInteraction } = await deps.store.getCustomerWithLatestInteraction(customer.customerId);
      attributes = screenPopAttributes(customer, latestInteraction, { knownCustomer: !newCustomer });
    } else {
      attributes = claimedAttributes(contact);
    }
    Object.assign(attributes, identityAttributes(identity));
    attributes.latestInquiryId = inquiryId;
    attributes.latestInquiryStatus = 'received';
    attributes.inquiryChannel = 'EMAIL';
    // The history entry of this email: what the agent app confirms when it links a claimed sender.
    attributes.sourceId = messageId;
    const references: Record<string, TaskReference> = {
      inquiryId: { type: 'STRING', value: inquiryId },
      rawMessage: { type: 'STRING', value: source.location },
      sender: { type: 'EMAIL', value: senderAddress },
    };
    const task = await deps.channel.startTask({
      name: `[${inquiryId}] ${email.subject ?? NO_SUBJECT}`,
      description: [
        email.text,
        email.attachments.length > 0 ? `\n添付 / attachments: ${describeAttachments(email.attachments)}` : '',
        `\n— ${contactLine({ name: from.name, email: senderAddress })}`,
        identity.level === 'claimed' ? `\n${UNVERIFIED_NOTE}` : '',
      ].join(''),
      attributes,
      references,
      clientToken: clientTokenFor(messageId),
    });
    didWork = true;
    details = { ...details, inquiryId, taskContactId: task.contactId };
    await deps.store.updateInteraction(messageId, { details });
    if (customer && placed.mayUpdateProfile && (!details.threadId || details.threadId === messageId)) {
      await setLatestInquiry(deps.store, customer, {
        id: inquiryId,
        subject: email.subject ?? NO_SUBJECT,
        status: 'received',
      });
    }
  }

  if (details.vocSent !== 'true' && email.text.trim().length > 0) {
    await deps.voc.send([
      {
        // VOC source ids are at most 512 characters: a longer Message-ID goes by its key form.
        sourceId: sourceKey(messageId),
        channel: 'EMAIL',
        ...(customer ? { customerId: customer.customerId, tier: customer.tier } : {}),
        at: interaction.at,
        ...(JAPANESE.test(email.text) ? { language: 'ja' as const } : {}),
        text: `${email.subject ?? ''}\n${email.text}`.trim().slice(0, MAX_VOC_TEXT_CHARS),
        queue: 'email',
      },
    ]);
    didWork = true;
    details = { ...details, vocSent: 'true' };
    await deps.store.updateInteraction(messageId, { details });
  }

  const ownDomain = (deps.ownDomains ?? []).some((d) => senderAddress.endsWith(`@${d.toLowerCase()}`));
  if (deps.acknowledgements && details.acknowledged === undefined) {
    let outcome = 'skipped-automated';
    if (identity.level !== 'verified') {
      // The From address may be forged: an acknowledgement would go to somebody who never wrote.
      outcome = 'skipped-unverified';
    } else if (!email.automated && !ownDomain) {
      const ack = acknowledgement(customer?.language ?? contact.language, inquiryId, email.subject);
      await deps.acknowledgements.send({
        to: senderAddress,
        ...ack,
        ...(email.messageId ? { inReplyTo: email.messageId } : {}),
      });
      outcome = 'true';
    }
    didWork = true;
    details = { ...details, acknowledged: outcome };
    await deps.store.updateInteraction(messageId, { details });
  }

  if (lease === 'claimed') await deps.store.completeSource(messageId, now);
  return {
    ...base,
    status: didWork ? 'processed' : 'duplicate',
    duplicate: !didWork,
    ...(identity.level === 'verified' && customer ? { customerId: customer.customerId } : {}),
    identity: identity.level,
    newCustomer,
    inquiryId,
    threadId: details.threadId,
    ...(details.taskContactId ? { taskContactId: details.taskContactId } : {}),
    acknowledged: details.acknowledged === 'true',
  };
}
