import { randomUUID } from 'node:crypto';
import type { CustomerStore } from '../customer-data/customer-store';
import type { Customer, Interaction } from '../customer-data/model';
import { truncateChars } from '../truncate-chars';
import type { VocSink } from '../voc/voc-sink';
import { screenPopAttributes } from './attributes';
import type { ChatSimulation, ContactChannel } from './contact-channel';
import { assertKeyFitsRequest, chatClientToken, requestDigest } from './idempotency';
import { derivedInquiryId, newInquiryId } from './inquiry-id';
import type { ChatRequest, InquiryRequest } from './requests';
import { type ResolveOptions, resolveCustomer } from './resolve-customer';

/**
 * Web chat and web form intake: the domain behind `POST /chat` and `POST /inquiries`, shared by the
 * Lambda handlers and the local CLI (`contact-center chat`).
 */

export interface WebIntakeDeps {
  store: CustomerStore;
  channel: ContactChannel;
  /** Where inquiries go for analysis (not used by chat: transcripts reach VOC from S3). */
  voc?: VocSink;
  now?: () => Date;
  resolve?: ResolveOptions;
  newInquiryId?: (now: Date) => string;
  newClientToken?: () => string;
  /** Base URL of the agents' history API: tasks get a link to the customer's timeline. */
  historyApiUrl?: string;
}

export interface ChatStarted {
  contactId: string;
  participantId: string;
  participantToken: string;
  customerId: string;
  newCustomer: boolean;
  /** The request was a replay (same idempotency key and body): the chat and its interaction already existed. */
  duplicate: boolean;
  simulation?: ChatSimulation;
}

export async function startChat(deps: WebIntakeDeps, request: ChatRequest): Promise<ChatStarted> {
  const now = (deps.now ?? (() => new Date()))();
  const digest = request.clientToken ? requestDigest('chat', request.clientToken, request) : undefined;
  if (request.clientToken && digest) await assertKeyFitsRequest(deps.store, 'chat', request.clientToken, digest, now);
  const resolved = await resolveCustomer(
    deps.store,
    { name: request.displayName, email: request.email, phone: request.phone, language: request.locale },
    deps.resolve,
  );
  const { latestInteraction } = await deps.store.getCustomerWithLatestInteraction(resolved.customer.customerId);
  const attributes = screenPopAttributes(resolved.customer, latestInteraction, {
    knownCustomer: !resolved.newCustomer,
  });
  // The visitor chose the language of this chat; the profile keeps its own.
  attributes.language = request.locale;
  // Connect answers a repeated ClientToken with the chat it started the first time (7 days).
  const chat = await deps.channel.startChat({
    displayName: request.displayName,
    language: request.locale,
    attributes,
    ...(request.message ? { initialMessage: request.message } : {}),
    clientToken: digest ? chatClientToken(digest) : (deps.newClientToken ?? randomUUID)(),
  });
  // The contact id is the source id: a replay of the request is the same interaction.
  const { duplicate } = await deps.store.recordInteraction(
    { customerId: resolved.customer.customerId },
    {
      channel: 'CHAT',
      direction: 'INBOUND',
      at: now.toISOString(),
      sourceId: chat.contactId,
      ...(request.message ? { subject: truncateChars(request.message, 100).text } : {}),
      status: 'started',
      details: { displayName: request.displayName, locale: request.locale },
    },
  );
  let customerId = resolved.customer.customerId;
  if (duplicate) {
    const earlier = await deps.store.findInteractionBySource(chat.contactId);
    if (earlier?.customerId) customerId = earlier.customerId;
  }
  return {
    contactId: chat.contactId,
    participantId: chat.participantId,
    participantToken: chat.participantToken,
    customerId,
    newCustomer: resolved.newCustomer && !duplicate,
    duplicate,
    ...(chat.simulation ? { simulation: chat.simulation } : {}),
  };
}

export interface InquirySubmitted {
  inquiryId: string;
  customerId: string;
  newCustomer: boolean;
  taskContactId: string;
  /** The request was a replay (same idempotency key and body): its inquiry was recorded before. */
  duplicate: boolean;
}

/** How many ids of one day a keyed inquiry may try when another request holds its id (see derivedInquiryId). */
const INQUIRY_ID_ATTEMPTS = 4;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The inquiry a keyed request recorded before (today's or yesterday's id, in UTC: a retry may cross
 * midnight), or the id it should use now. Ids of one day are taken in attempt order, so the first free
 * one ends the search of that day.
 */
async function findKeyedInquiry(
  store: CustomerStore,
  digest: string,
  now: Date,
): Promise<{ earlier: Interaction } | { freeId: string }> {
  let freeId: string | undefined;
  for (const day of [now, new Date(now.getTime() - DAY_MS)]) {
    for (let attempt = 0; attempt < INQUIRY_ID_ATTEMPTS; attempt++) {
      const id = derivedInquiryId(day, digest, attempt);
      const earlier = await store.findInteractionBySource(id);
      if (!earlier) {
        if (day === now) freeId = id;
        break;
      }
      if (earlier.details?.requestDigest === digest) return { earlier };
    }
  }
  if (freeId === undefined) throw new Error(`no free inquiry id for request ${digest.slice(0, 12)}…`);
  return { freeId };
}

/** Makes `inquiry` the customer's latest inquiry (what the IVR reads out as "status of your inquiry"). */
export async function setLatestInquiry(
  store: CustomerStore,
  customer: Customer,
  inquiry: NonNullable<Customer['latestInquiry']>,
): Promise<void> {
  const { createdAt: _created, updatedAt: _updated, ...profile } = customer;
  await store.putCustomer({ ...profile, latestInquiry: inquiry });
}

export function contactLine(contact: { name?: string; email?: string; phone?: string }): string {
  return [contact.name, contact.email && `<${contact.email}>`, contact.phone].filter(Boolean).join(' ');
}

/**
 * Records a web form inquiry, starts its task, makes it the customer's latest inquiry and sends it to VOC.
 * At-least-once: the interaction is recorded first and its `details` track the later steps
 * (`taskContactId`, `latestInquiry`, `vocSent`), so a replay of a keyed request resumes where an earlier
 * attempt stopped and never does a step twice.
 */
export async function submitInquiry(deps: WebIntakeDeps, request: InquiryRequest): Promise<InquirySubmitted> {
  const now = (deps.now ?? (() => new Date()))();
  const digest = request.clientToken ? requestDigest('inquiry', request.clientToken, request) : undefined;
  if (request.clientToken && digest) {
    await assertKeyFitsRequest(deps.store, 'inquiry', request.clientToken, digest, now);
  }

  let customer: Customer | undefined;
  let newCustomer = false;
  let interaction: Interaction | undefined;
  let duplicate = false;
  for (let round = 0; round < 3 && !interaction; round++) {
    let inquiryId: string;
    if (digest) {
      const found = await findKeyedInquiry(deps.store, digest, now);
      if ('earlier' in found) {
        customer = found.earlier.customerId ? await deps.store.getCustomer(found.earlier.customerId) : undefined;
        if (customer) {
          interaction = found.earlier;
          newCustomer = false;
          duplicate = true;
          break;
        }
        throw new Error(`inquiry ${found.earlier.sourceId} has no customer ${found.earlier.customerId ?? ''}`);
      }
      inquiryId = found.freeId;
    } else {
      inquiryId = (deps.newInquiryId ?? newInquiryId)(now);
    }
    if (!customer) {
      const resolved = await resolveCustomer(
        deps.store,
        { name: request.name, email: request.email, phone: request.phone, language: request.locale },
        deps.resolve,
      );
      customer = resolved.customer;
      newCustomer = resolved.newCustomer;
    }
    const candidate: Interaction = {
      channel: 'WEB_FORM',
      direction: 'INBOUND',
      at: now.toISOString(),
      sourceId: inquiryId,
      subject: request.subject,
      summary: truncateChars(request.message, 1000).text,
      status: 'received',
      details: { inquiryId, ...(digest ? { requestDigest: digest } : {}) },
    };
    const recorded = await deps.store.recordInteraction({ customerId: customer.customerId }, candidate);
    // Duplicate: a concurrent attempt of the same request (found in the next round), or another request
    // holding the id (the next round takes another one).
    if (!recorded.duplicate) interaction = candidate;
  }
  if (!interaction || !customer) throw new Error('could not record the inquiry (its id is taken)');

  const inquiryId = interaction.sourceId;
  let details: Record<string, string> = { ...interaction.details, inquiryId };
  const at = interaction.at;
  let taskContactId = details.taskContactId;
  if (taskContactId === undefined) {
    const { latestInteraction } = await deps.store.getCustomerWithLatestInteraction(customer.customerId);
    const attributes = screenPopAttributes(customer, latestInteraction, { knownCustomer: !newCustomer });
    attributes.latestInquiryId = inquiryId;
    attributes.latestInquiryStatus = 'received';
    attributes.inquiryChannel = 'WEB_FORM';
    const references: Parameters<ContactChannel['startTask']>[0]['references'] = {
      inquiryId: { type: 'STRING', value: inquiryId },
      customerId: { type: 'STRING', value: customer.customerId },
    };
    if (deps.historyApiUrl) {
      references.history = {
        type: 'URL',
        value: `${deps.historyApiUrl.replace(/\/+$/, '')}/customers/${encodeURIComponent(customer.customerId)}/timeline`,
      };
    }
    // The inquiry id is the ClientToken: Connect answers a repeated one with the task it started before.
    const task = await deps.channel.startTask({
      name: `[${inquiryId}] ${request.subject}`,
      description: `${request.message}\n\n— ${contactLine(request)}`,
      attributes,
      references,
      clientToken: inquiryId,
    });
    taskContactId = task.contactId;
    details = { ...details, taskContactId };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  if (details.latestInquiry === undefined) {
    // Once only: a late replay must not take the place of a newer inquiry.
    await setLatestInquiry(deps.store, customer, { id: inquiryId, subject: request.subject, status: 'received' });
    details = { ...details, latestInquiry: 'true' };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  if (deps.voc && details.vocSent !== 'true') {
    await deps.voc.send([
      {
        sourceId: inquiryId,
        channel: 'WEB_FORM',
        customerId: customer.customerId,
        at,
        language: request.locale,
        text: `${request.subject}\n${request.message}`,
        tier: customer.tier,
        queue: 'web-form',
      },
    ]);
    details = { ...details, vocSent: 'true' };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  return { inquiryId, customerId: customer.customerId, newCustomer, taskContactId, duplicate };
}
