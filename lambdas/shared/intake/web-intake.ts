import { randomUUID } from 'node:crypto';
import type { CustomerStore, InteractionOwner } from '../customer-data/customer-store';
import type { Customer, IdentityLevel, Interaction, Language } from '../customer-data/model';
import { truncateChars } from '../truncate-chars';
import type { VocSink } from '../voc/voc-sink';
import { screenPopAttributes } from './attributes';
import type { ChatSimulation, ContactAttributes, ContactChannel } from './contact-channel';
import { assertKeyFitsRequest, chatClientToken, requestDigest } from './idempotency';
import {
  CLAIMED,
  type ContactIdentity,
  claimedAttributes,
  identityAttributes,
  identityFields,
  type PlacedContact,
  placeContact,
} from './identity';
import { IdentityTokenError, type IdentityTokenVerifier } from './identity-token';
import { derivedInquiryId, newInquiryId } from './inquiry-id';
import { checkOneTimeCode, type OneTimeCodeDeps } from './one-time-code';
import { BadRequestError, type ChatRequest, type InquiryRequest } from './requests';
import { type ContactDetails, type ResolveOptions, resolveCustomer } from './resolve-customer';

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
  /** Checks identity tokens; without it a request carrying one is refused (400 naming identityToken). */
  identityTokens?: IdentityTokenVerifier;
  /** Checks one-time codes; without it a request carrying one is refused (400 naming oneTimeCode). */
  oneTimeCodes?: Pick<OneTimeCodeDeps, 'codes' | 'now'>;
}

/** What the visitor typed, before anything vouches for it. */
interface TypedContact {
  name: string;
  email?: string;
  phone?: string;
  locale: Language;
  identityToken?: string;
  oneTimeCode?: string;
}

/**
 * Who the visitor is and how sure we are: with an identity token, the contact points the token
 * vouches for (typed ones must agree with it); without, what was typed, as a claim.
 * @throws BadRequestError naming identityToken, email or phone.
 */
export async function establishIdentity(
  deps: Pick<WebIntakeDeps, 'identityTokens' | 'oneTimeCodes'>,
  typed: TypedContact,
  /** The request's idempotency digest: a retry of the same keyed request may use its code again. */
  requestDigestOf?: string,
): Promise<{ details: ContactDetails; identity: ContactIdentity }> {
  const details: ContactDetails = {
    name: typed.name,
    ...(typed.email !== undefined ? { email: typed.email } : {}),
    ...(typed.phone !== undefined ? { phone: typed.phone } : {}),
    language: typed.locale,
  };
  if (typed.oneTimeCode !== undefined && typed.email !== undefined) {
    if (!deps.oneTimeCodes) {
      throw new BadRequestError([{ field: 'oneTimeCode', reason: 'one-time codes are not accepted here' }]);
    }
    if (!(await checkOneTimeCode(deps.oneTimeCodes, typed.email, typed.oneTimeCode, requestDigestOf))) {
      throw new BadRequestError([{ field: 'oneTimeCode', reason: 'is wrong, expired or used up: request a new code' }]);
    }
    // The code proves the address only: a typed phone number would be a claim beside it, so it is left out.
    return {
      details: { name: typed.name, email: typed.email, language: typed.locale },
      identity: { level: 'verified', method: 'one-time-code' },
    };
  }
  if (typed.identityToken === undefined) return { details, identity: CLAIMED };
  if (!deps.identityTokens) {
    throw new BadRequestError([
      { field: 'identityToken', reason: 'identity tokens are not accepted (no key is set up)' },
    ]);
  }
  let verified: Awaited<ReturnType<IdentityTokenVerifier['verify']>>;
  try {
    verified = await deps.identityTokens.verify(typed.identityToken);
  } catch (err) {
    if (err instanceof IdentityTokenError) {
      throw new BadRequestError([{ field: 'identityToken', reason: `is not accepted: ${err.message}` }]);
    }
    throw err;
  }
  const mismatched = (['email', 'phone'] as const).filter((f) => typed[f] !== undefined && typed[f] !== verified[f]);
  if (mismatched.length > 0) {
    throw new BadRequestError(mismatched.map((field) => ({ field, reason: 'does not match the identity token' })));
  }
  return {
    details: {
      name: verified.name ?? typed.name,
      ...(verified.email !== undefined ? { email: verified.email } : {}),
      ...(verified.phone !== undefined ? { phone: verified.phone } : {}),
      language: typed.locale,
    },
    identity: { level: 'verified', method: 'identity-token' },
  };
}

/** Screen-pop attributes of a placed contact: the customer's when it may see them, none otherwise. */
async function contactAttributes(
  store: CustomerStore,
  placed: PlacedContact,
  details: ContactDetails,
): Promise<ContactAttributes> {
  if (!placed.customer) return { ...claimedAttributes(details), ...identityAttributes(placed.identity) };
  const { latestInteraction } = await store.getCustomerWithLatestInteraction(placed.customer.customerId);
  return {
    ...screenPopAttributes(placed.customer, latestInteraction, { knownCustomer: !placed.newCustomer }),
    ...identityAttributes(placed.identity),
  };
}

/** The owner's timeline in the agents' history API (history.ts). */
function historyLink(baseUrl: string, owner: InteractionOwner): string {
  const base = baseUrl.replace(/\/+$/, '');
  if ('customerId' in owner) return `${base}/customers/${encodeURIComponent(owner.customerId)}/timeline`;
  return 'email' in owner
    ? `${base}/timeline?email=${encodeURIComponent(owner.email)}`
    : `${base}/timeline?phone=${encodeURIComponent(owner.phone)}`;
}

export interface ChatStarted {
  contactId: string;
  participantId: string;
  participantToken: string;
  /** The customer whose history holds the chat when the visitor is verified; null for a claim. */
  customerId: string | null;
  newCustomer: boolean;
  identity: IdentityLevel;
  /** Where the chat was recorded: the customer's history, or the contact point a claim named. */
  recordedUnder: InteractionOwner;
  /** The request was a replay (same idempotency key and body): the chat and its interaction already existed. */
  duplicate: boolean;
  simulation?: ChatSimulation;
}

export async function startChat(deps: WebIntakeDeps, request: ChatRequest): Promise<ChatStarted> {
  const now = (deps.now ?? (() => new Date()))();
  const digest = request.clientToken ? requestDigest('chat', request.clientToken, request) : undefined;
  if (request.clientToken && digest) await assertKeyFitsRequest(deps.store, 'chat', request.clientToken, digest, now);
  const { details, identity } = await establishIdentity(deps, { ...request, name: request.displayName }, digest);
  const resolved = await resolveCustomer(deps.store, details, deps.resolve);
  const placed = placeContact(resolved, details, identity);
  const attributes = await contactAttributes(deps.store, placed, details);
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
  const { duplicate } = await deps.store.recordInteraction(placed.owner, {
    channel: 'CHAT',
    direction: 'INBOUND',
    at: now.toISOString(),
    sourceId: chat.contactId,
    ...(request.message ? { subject: truncateChars(request.message, 100).text } : {}),
    status: 'started',
    ...identityFields(identity),
    details: { displayName: request.displayName, locale: request.locale },
  });
  let customerId = identity.level === 'verified' ? resolved.customer.customerId : null;
  if (duplicate && customerId !== null) {
    const earlier = await deps.store.findInteractionBySource(chat.contactId);
    if (earlier?.customerId) customerId = earlier.customerId;
  }
  return {
    contactId: chat.contactId,
    participantId: chat.participantId,
    participantToken: chat.participantToken,
    customerId,
    newCustomer: resolved.newCustomer && !duplicate,
    identity: identity.level,
    recordedUnder: placed.owner,
    duplicate,
    ...(chat.simulation ? { simulation: chat.simulation } : {}),
  };
}

export interface InquirySubmitted {
  inquiryId: string;
  /** The customer whose history holds the inquiry when the visitor is verified; null for a claim. */
  customerId: string | null;
  newCustomer: boolean;
  identity: IdentityLevel;
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
  const { details: contact, identity } = await establishIdentity(deps, request, digest);

  let placed: PlacedContact | undefined;
  let interaction: Interaction | undefined;
  let duplicate = false;
  for (let round = 0; round < 3 && !interaction; round++) {
    let inquiryId: string;
    if (digest) {
      const found = await findKeyedInquiry(deps.store, digest, now);
      if ('earlier' in found) {
        placed = await placedEarlier(deps.store, found.earlier, contact);
        interaction = found.earlier;
        duplicate = true;
        break;
      }
      inquiryId = found.freeId;
    } else {
      inquiryId = (deps.newInquiryId ?? newInquiryId)(now);
    }
    if (!placed) {
      const resolved = await resolveCustomer(deps.store, contact, deps.resolve);
      placed = placeContact(resolved, contact, identity);
    }
    const candidate: Interaction = {
      channel: 'WEB_FORM',
      direction: 'INBOUND',
      at: now.toISOString(),
      sourceId: inquiryId,
      subject: request.subject,
      summary: truncateChars(request.message, 1000).text,
      status: 'received',
      ...identityFields(identity),
      details: { inquiryId, ...(digest ? { requestDigest: digest } : {}) },
    };
    const recorded = await deps.store.recordInteraction(placed.owner, candidate);
    // Duplicate: a concurrent attempt of the same request (found in the next round), or another request
    // holding the id (the next round takes another one).
    if (!recorded.duplicate) interaction = candidate;
  }
  if (!interaction || !placed) throw new Error('could not record the inquiry (its id is taken)');
  const customer = placed.customer;

  const inquiryId = interaction.sourceId;
  let details: Record<string, string> = { ...interaction.details, inquiryId };
  const at = interaction.at;
  let taskContactId = details.taskContactId;
  if (taskContactId === undefined) {
    const attributes = await contactAttributes(deps.store, placed, contact);
    attributes.latestInquiryId = inquiryId;
    attributes.latestInquiryStatus = 'received';
    attributes.inquiryChannel = 'WEB_FORM';
    const references: Parameters<ContactChannel['startTask']>[0]['references'] = {
      inquiryId: { type: 'STRING', value: inquiryId },
    };
    if (customer) references.customerId = { type: 'STRING', value: customer.customerId };
    if (deps.historyApiUrl) references.history = { type: 'URL', value: historyLink(deps.historyApiUrl, placed.owner) };
    // The inquiry id is the ClientToken: Connect answers a repeated one with the task it started before.
    const task = await deps.channel.startTask({
      name: `[${inquiryId}] ${request.subject}`,
      description: `${request.message}\n\n— ${contactLine(request)}${placed.identity.level === 'claimed' ? `\n${UNVERIFIED_NOTE}` : ''}`,
      attributes,
      references,
      clientToken: inquiryId,
    });
    taskContactId = task.contactId;
    details = { ...details, taskContactId };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  if (details.latestInquiry === undefined && customer && placed.mayUpdateProfile) {
    // Once only: a late replay must not take the place of a newer inquiry. Never for a claim.
    await setLatestInquiry(deps.store, customer, { id: inquiryId, subject: request.subject, status: 'received' });
    details = { ...details, latestInquiry: 'true' };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  if (deps.voc && details.vocSent !== 'true') {
    await deps.voc.send([
      {
        sourceId: inquiryId,
        channel: 'WEB_FORM',
        ...(customer ? { customerId: customer.customerId, tier: customer.tier } : {}),
        at,
        language: request.locale,
        text: `${request.subject}\n${request.message}`,
        queue: 'web-form',
      },
    ]);
    details = { ...details, vocSent: 'true' };
    await deps.store.updateInteraction(inquiryId, { details });
  }
  return {
    inquiryId,
    customerId: placed.identity.level === 'verified' && customer ? customer.customerId : null,
    newCustomer: placed.newCustomer && !duplicate,
    identity: placed.identity.level,
    taskContactId,
    duplicate,
  };
}

/** Shown to the agent on every task of a claimed contact. */
export const UNVERIFIED_NOTE = '（本人確認なし: 連絡先は申告のみ / identity not verified: contact details as typed）';

/** How an earlier attempt of the same keyed request was placed, read back from what it recorded. */
async function placedEarlier(
  store: CustomerStore,
  earlier: Interaction,
  contact: ContactDetails,
): Promise<PlacedContact> {
  const identity: ContactIdentity =
    earlier.identity === 'claimed' ? CLAIMED : { level: 'verified', method: earlier.verifiedBy ?? 'identity-token' };
  if (earlier.customerId) {
    const customer = await store.getCustomer(earlier.customerId);
    if (!customer) throw new Error(`inquiry ${earlier.sourceId} has no customer ${earlier.customerId}`);
    return {
      identity,
      owner: { customerId: customer.customerId },
      customer,
      mayUpdateProfile: identity.level === 'verified',
      newCustomer: false,
    };
  }
  const owner: InteractionOwner = contact.email !== undefined ? { email: contact.email } : { phone: contact.phone! };
  return { identity, owner, mayUpdateProfile: false, newCustomer: false };
}
