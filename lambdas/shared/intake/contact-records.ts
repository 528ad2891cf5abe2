import { z } from 'zod';
import type { CustomerStore, InteractionOwner } from '../customer-data/customer-store';
import type { Interaction } from '../customer-data/model';
import { normalizePhone } from '../phone';
import { truncateChars } from '../truncate-chars';

/**
 * Contact trace records (Amazon Connect CTRs, as streamed to Kinesis) → customer history.
 * Each VOICE and CHAT contact becomes one interaction keyed by its ContactId. Connect may send a CTR
 * again (updated after contact-attribute changes or after-contact work): the interaction is then
 * updated in place, so a contact is one history entry whatever the number of deliveries.
 */

const nullableString = z.string().nullish();

/** The CTR fields intake reads (the record has many more; they are kept out of the history). */
export const ContactTraceRecordSchema = z.looseObject({
  ContactId: z.string().min(1),
  Channel: z.string(),
  InitiationMethod: nullableString,
  InitiationTimestamp: z.string(),
  DisconnectTimestamp: nullableString,
  DisconnectReason: nullableString,
  PreviousContactId: nullableString,
  CustomerEndpoint: z.looseObject({ Address: nullableString, Type: nullableString }).nullish(),
  Queue: z.looseObject({ Name: nullableString, ARN: nullableString }).nullish(),
  Agent: z.looseObject({ Username: nullableString, ARN: nullableString }).nullish(),
  Attributes: z.record(z.string(), z.string()).nullish(),
});
export type ContactTraceRecord = z.infer<typeof ContactTraceRecordSchema>;

export const RECORDED_CHANNELS = ['VOICE', 'CHAT'] as const;

/** Owner key of contacts whose number was withheld. */
export const ANONYMOUS_PHONE = 'anonymous';

export interface ContactRecordDeps {
  store: CustomerStore;
  defaultCountry: string;
}

export type ContactRecordOutcome =
  | { result: 'skipped'; contactId: string; reason: string }
  | { result: 'recorded' | 'updated'; contactId: string; owner: InteractionOwner };

/** Who the contact belongs to: the customer the flow identified, a unique owner of the number, or the number itself. */
export async function ownerOf(deps: ContactRecordDeps, ctr: ContactTraceRecord): Promise<InteractionOwner> {
  const attributed = ctr.Attributes?.customerId?.trim();
  if (attributed && (await deps.store.getCustomer(attributed))) return { customerId: attributed };
  const endpoint = ctr.CustomerEndpoint;
  if (endpoint?.Type === 'EMAIL_ADDRESS' && endpoint.Address) {
    const email = endpoint.Address.trim().toLowerCase();
    const matches = await deps.store.findByEmail(email, { limit: 2 });
    return matches.length === 1 ? { customerId: matches[0]!.customerId } : { email };
  }
  const phone = normalizePhone(
    endpoint?.Type === 'TELEPHONE_NUMBER' ? endpoint.Address : undefined,
    deps.defaultCountry,
  );
  if (!phone.ok) return { phone: phone.reason === 'invalid' ? phone.raw : ANONYMOUS_PHONE };
  const matches = await deps.store.findByPhone(phone.e164, { limit: 2 });
  return matches.length === 1 ? { customerId: matches[0]!.customerId } : { phone: phone.e164 };
}

function isoOrUndefined(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The contact attributes the voice flows set to record what the caller did in the IVR (docs/flows.md,
 * "IVR journey attributes"): `ivrMenu` (choice codes joined with `>`), `ivrStatusHeard` (the inquiry
 * status code read out), `callbackRequested` (`true`). Copied into the interaction's details so the
 * history shows them; the other attributes are customer data the history has already.
 */
export const IVR_JOURNEY_ATTRIBUTES = ['ivrMenu', 'ivrStatusHeard', 'callbackRequested'] as const;

/** Journey values are short codes; a caller looping through a menu must not grow a history entry unboundedly. */
export const MAX_IVR_JOURNEY_CHARS = 200;

export function toInteraction(ctr: ContactTraceRecord): Interaction {
  const initiated = isoOrUndefined(ctr.InitiationTimestamp) ?? ctr.InitiationTimestamp;
  const disconnected = isoOrUndefined(ctr.DisconnectTimestamp);
  const details: Record<string, string> = { contactId: ctr.ContactId, initiatedAt: initiated };
  if (ctr.InitiationMethod) details.initiationMethod = ctr.InitiationMethod;
  if (disconnected) {
    details.disconnectedAt = disconnected;
    details.durationSeconds = String(
      Math.max(0, Math.round((Date.parse(disconnected) - Date.parse(initiated)) / 1000)),
    );
  }
  if (ctr.DisconnectReason) details.disconnectReason = ctr.DisconnectReason;
  if (ctr.PreviousContactId) details.previousContactId = ctr.PreviousContactId;
  for (const name of IVR_JOURNEY_ATTRIBUTES) {
    const value = ctr.Attributes?.[name]?.trim();
    if (value) details[name] = truncateChars(value, MAX_IVR_JOURNEY_CHARS).text;
  }
  const answered = Boolean(ctr.Agent?.Username || ctr.Agent?.ARN);
  const interaction: Interaction = {
    channel: ctr.Channel as Interaction['channel'],
    direction: ctr.InitiationMethod === 'OUTBOUND' || ctr.InitiationMethod === 'CALLBACK' ? 'OUTBOUND' : 'INBOUND',
    at: initiated,
    sourceId: ctr.ContactId,
    status: !disconnected ? 'in_progress' : answered ? 'completed' : ctr.Queue?.Name ? 'abandoned' : 'self_service',
    details,
  };
  if (ctr.Queue?.Name) interaction.queue = ctr.Queue.Name;
  if (ctr.Agent?.Username) interaction.agent = ctr.Agent.Username;
  interaction.summary = contactSummary(interaction);
  return interaction;
}

const STATUS_TEXT: Record<string, string> = {
  completed: '対応済み answered',
  abandoned: '放棄 abandoned in queue',
  self_service: 'IVR で完了 self-service',
  in_progress: '対応中 in progress',
};

/** One line an agent can read in a history list (a contact record has no subject of its own). */
function contactSummary(i: Interaction): string {
  const what = i.channel === 'CHAT' ? 'チャット Chat' : '電話 Call';
  const parts = [what, STATUS_TEXT[i.status ?? ''] ?? i.status ?? ''];
  if (i.details?.ivrMenu) parts.push(`IVR ${i.details.ivrMenu}`);
  if (i.details?.callbackRequested === 'true') parts.push('折り返し希望 callback requested');
  if (i.queue) parts.push(`queue ${i.queue}`);
  if (i.agent) parts.push(`agent ${i.agent}`);
  if (i.details?.durationSeconds) parts.push(`${i.details.durationSeconds} s`);
  return parts.filter(Boolean).join(' · ');
}

export async function recordContact(deps: ContactRecordDeps, raw: unknown): Promise<ContactRecordOutcome> {
  const ctr = ContactTraceRecordSchema.parse(raw);
  if (!(RECORDED_CHANNELS as readonly string[]).includes(ctr.Channel)) {
    return { result: 'skipped', contactId: ctr.ContactId, reason: `channel ${ctr.Channel} is recorded by its intake` };
  }
  const interaction = toInteraction(ctr);
  const existing = await deps.store.findInteractionBySource(ctr.ContactId);
  if (existing) {
    // Chat intake recorded the chat when it started, or this is an updated CTR: complete the entry.
    await deps.store.updateInteraction(ctr.ContactId, {
      status: interaction.status,
      summary: interaction.summary,
      ...(interaction.queue ? { queue: interaction.queue } : {}),
      ...(interaction.agent ? { agent: interaction.agent } : {}),
      details: { ...existing.details, ...interaction.details },
    });
    const owner: InteractionOwner = existing.customerId
      ? { customerId: existing.customerId }
      : await ownerOf(deps, ctr);
    return { result: 'updated', contactId: ctr.ContactId, owner };
  }
  const owner = await ownerOf(deps, ctr);
  const { duplicate } = await deps.store.recordInteraction(owner, interaction);
  return { result: duplicate ? 'updated' : 'recorded', contactId: ctr.ContactId, owner };
}
