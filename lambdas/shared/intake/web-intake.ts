import { randomUUID } from 'node:crypto';
import type { CustomerStore } from '../customer-data/customer-store';
import type { Customer } from '../customer-data/model';
import type { VocSink } from '../voc/voc-sink';
import { screenPopAttributes } from './attributes';
import type { ChatSimulation, ContactChannel } from './contact-channel';
import { truncateChars } from './email-message';
import { newInquiryId } from './inquiry-id';
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
  simulation?: ChatSimulation;
}

export async function startChat(deps: WebIntakeDeps, request: ChatRequest): Promise<ChatStarted> {
  const now = (deps.now ?? (() => new Date()))();
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
  const chat = await deps.channel.startChat({
    displayName: request.displayName,
    language: request.locale,
    attributes,
    ...(request.message ? { initialMessage: request.message } : {}),
    clientToken: (deps.newClientToken ?? randomUUID)(),
  });
  await deps.store.recordInteraction(
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
  return {
    contactId: chat.contactId,
    participantId: chat.participantId,
    participantToken: chat.participantToken,
    customerId: resolved.customer.customerId,
    newCustomer: resolved.newCustomer,
    ...(chat.simulation ? { simulation: chat.simulation } : {}),
  };
}

export interface InquirySubmitted {
  inquiryId: string;
  customerId: string;
  newCustomer: boolean;
  taskContactId: string;
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

export async function submitInquiry(deps: WebIntakeDeps, request: InquiryRequest): Promise<InquirySubmitted> {
  const now = (deps.now ?? (() => new Date()))();
  const resolved = await resolveCustomer(
    deps.store,
    { name: request.name, email: request.email, phone: request.phone, language: request.locale },
    deps.resolve,
  );
  const customer = resolved.customer;
  const { latestInteraction } = await deps.store.getCustomerWithLatestInteraction(customer.customerId);
  const inquiryId = (deps.newInquiryId ?? newInquiryId)(now);
  const at = now.toISOString();
  await deps.store.recordInteraction(
    { customerId: customer.customerId },
    {
      channel: 'WEB_FORM',
      direction: 'INBOUND',
      at,
      sourceId: inquiryId,
      subject: request.subject,
      summary: truncateChars(request.message, 1000).text,
      status: 'received',
      details: { inquiryId },
    },
  );
  const attributes = screenPopAttributes(customer, latestInteraction, { knownCustomer: !resolved.newCustomer });
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
  const task = await deps.channel.startTask({
    name: `[${inquiryId}] ${request.subject}`,
    description: `${request.message}\n\n— ${contactLine(request)}`,
    attributes,
    references,
    clientToken: inquiryId,
  });
  await deps.store.updateInteraction(inquiryId, { details: { inquiryId, taskContactId: task.contactId } });
  await setLatestInquiry(deps.store, customer, { id: inquiryId, subject: request.subject, status: 'received' });
  await deps.voc?.send([
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
  return {
    inquiryId,
    customerId: customer.customerId,
    newCustomer: resolved.newCustomer,
    taskContactId: task.contactId,
  };
}
