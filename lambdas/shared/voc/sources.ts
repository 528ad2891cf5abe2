import { z } from 'zod';
import { decodeS3Key } from '../aws/s3-event-key';
import { describeZodError, MAX_VOC_TEXT_CHARS, type VocMessage, VocMessageSchema } from './message';

/**
 * What arrives on the VOC queue, turned into {@link VocMessage}s:
 *
 * - a VOC message (JSON, {@link VocMessageSchema}) sent by intake or imports;
 * - an S3 event notification for a new object under the recordings bucket: an Amazon Connect
 *   chat transcript (`Transcript[].ParticipantRole`) or Contact Lens analytics output
 *   (`CustomerMetadata.ContactId`, `Transcript[].ParticipantId`); only the customer's turns are
 *   kept, the contact id is the source id (so the sentiment lands on the interaction the CTR
 *   processor wrote for that contact). `s3:TestEvent` yields no message.
 */

/** Reads an object as text (S3 adapter in the Lambda; tests pass a map). */
export interface ObjectReader {
  getText(bucket: string, key: string): Promise<string>;
}

export class VocSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'VocSourceError';
  }
}

const S3Notification = z.object({
  Records: z
    .array(
      z.object({
        eventName: z.string(),
        eventTime: z.string(),
        s3: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
      }),
    )
    .min(1),
});

const TranscriptTurn = z.object({
  Content: z.string().optional(),
  ParticipantRole: z.string().optional(),
  ParticipantId: z.string().optional(),
  AbsoluteTime: z.string().optional(),
});

const ConnectTranscript = z.object({
  ContactId: z.string().optional(),
  Channel: z.string().optional(),
  LanguageCode: z.string().optional(),
  CustomerMetadata: z.object({ ContactId: z.string() }).optional(),
  Transcript: z.array(TranscriptTurn),
});

/** Parses one queue message body. Throws {@link VocSourceError} with a reason for anything unusable. */
export async function messagesFromBody(body: string, reader?: ObjectReader): Promise<VocMessage[]> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw new VocSourceError('message body is not JSON', { cause: err });
  }
  if ((json as { Event?: string })?.Event === 's3:TestEvent') return [];
  if (typeof json === 'object' && json !== null && 'Records' in json) {
    const notification = S3Notification.safeParse(json);
    if (!notification.success)
      throw new VocSourceError(`not an S3 notification: ${describeZodError(notification.error)}`);
    if (!reader) throw new VocSourceError('S3 notification received but no object reader is configured');
    const out: VocMessage[] = [];
    for (const r of notification.data.Records) {
      if (!r.eventName.startsWith('ObjectCreated')) continue;
      const key = decodeS3Key(r.s3.object.key);
      const text = await reader.getText(r.s3.bucket.name, key);
      const message = messageFromTranscript(text, key, r.eventTime);
      if (message) out.push(message);
    }
    return out;
  }
  const parsed = VocMessageSchema.safeParse(json);
  if (!parsed.success) throw new VocSourceError(`invalid VOC message: ${describeZodError(parsed.error)}`);
  return [parsed.data];
}

/** A Connect chat transcript or Contact Lens output → the customer's words as one message (or none). */
export function messageFromTranscript(objectText: string, key: string, eventTime: string): VocMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(objectText);
  } catch (err) {
    throw new VocSourceError(`object ${key} is not JSON`, { cause: err });
  }
  const parsed = ConnectTranscript.safeParse(json);
  if (!parsed.success)
    throw new VocSourceError(`object ${key} is not a Connect transcript: ${describeZodError(parsed.error)}`);
  const t = parsed.data;
  const contactLens = t.CustomerMetadata !== undefined;
  const turns = t.Transcript.filter((turn) =>
    contactLens ? turn.ParticipantId === 'CUSTOMER' : turn.ParticipantRole === 'CUSTOMER',
  );
  const text = turns
    .map((turn) => turn.Content?.trim() ?? '')
    .filter(Boolean)
    .join('\n');
  if (!text) return undefined;
  const contactId = t.CustomerMetadata?.ContactId ?? t.ContactId ?? key;
  const firstTime = turns.find((turn) => turn.AbsoluteTime)?.AbsoluteTime;
  const language = t.LanguageCode === 'ja-JP' || t.LanguageCode === 'en-US' ? t.LanguageCode : undefined;
  return VocMessageSchema.parse({
    sourceId: contactId,
    channel: contactLens ? (t.Channel === 'CHAT' ? 'CHAT' : 'VOICE') : 'CHAT',
    at: firstTime && !Number.isNaN(Date.parse(firstTime)) ? firstTime : eventTime,
    ...(language ? { language } : {}),
    text: text.slice(0, MAX_VOC_TEXT_CHARS),
  });
}
