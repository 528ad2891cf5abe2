import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { truncateChars } from '../truncate-chars';

export { truncateChars };

/**
 * Received email → what intake needs, with mailparser (RFC 5322/2045–2047/2231 and the Japanese
 * charsets ISO-2022-JP and Shift_JIS through libmime/encoding-japanese). HTML-only mail is turned into
 * text by mailparser (html-to-text); attachments are listed, never inlined.
 */

/** SES scanning verdicts (`X-SES-Spam-Verdict`, `X-SES-Virus-Verdict`): PASS, FAIL, GRAY, PROCESSING_FAILED. */
export type SesVerdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED';

export interface EmailAttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

export interface ParsedEmail {
  /** Message-ID without angle brackets; undefined when the message has none. */
  messageId?: string;
  from?: { address: string; name?: string };
  subject?: string;
  /** Decoded plain text, at most `maxTextChars` characters. */
  text: string;
  /** True when `text` was cut at `maxTextChars`. */
  textTruncated: boolean;
  /** In-Reply-To then References, newest first, without angle brackets and without duplicates. */
  threadReferences: string[];
  date?: string;
  attachments: EmailAttachmentInfo[];
  spamVerdict?: string;
  virusVerdict?: string;
  /** Auto-Submitted (other than "no"), Precedence bulk/junk/list or List-Id: never auto-reply to it. */
  automated: boolean;
}

export const DEFAULT_MAX_TEXT_CHARS = 10_000;

/** Thrown when the bytes are not an email intake can use (no sender address). */
export class UnusableEmailError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnusableEmailError';
  }
}

/** `<id@host>` → `id@host` (also trims whitespace). */
export function stripAngleBrackets(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

function ids(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : value.split(/\s+/);
  return list.map(stripAngleBrackets).filter((v) => v.length > 0);
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): ParsedEmail['from'] {
  const objects = from === undefined ? [] : Array.isArray(from) ? from : [from];
  for (const object of objects) {
    for (const entry of object.value) {
      if (entry.address) {
        const name = entry.name?.trim();
        return name ? { address: entry.address.trim(), name } : { address: entry.address.trim() };
      }
    }
  }
  return undefined;
}

function headerText(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value.trim() : undefined;
}

function isAutomated(mail: ParsedMail): boolean {
  const autoSubmitted = headerText(mail, 'auto-submitted')?.toLowerCase();
  const precedence = headerText(mail, 'precedence')?.toLowerCase();
  return (
    (autoSubmitted !== undefined && autoSubmitted !== 'no') ||
    precedence === 'bulk' ||
    precedence === 'junk' ||
    precedence === 'list' ||
    mail.headers.has('list-id')
  );
}

/** Normalizes newlines and trims trailing blank space, keeping the message's own line structure. */
function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export async function parseEmail(raw: Buffer, options: { maxTextChars?: number } = {}): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const rawText = mail.text ?? '';
  const { text, truncated } = truncateChars(cleanText(rawText), options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS);
  const thread: string[] = [];
  for (const id of [...ids(mail.inReplyTo), ...ids(mail.references).reverse()]) {
    if (!thread.includes(id)) thread.push(id);
  }
  const parsed: ParsedEmail = {
    text,
    textTruncated: truncated,
    threadReferences: thread,
    automated: isAutomated(mail),
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? '(no name)',
      contentType: a.contentType,
      size: a.size,
    })),
  };
  const messageId = mail.messageId ? stripAngleBrackets(mail.messageId) : '';
  if (messageId) parsed.messageId = messageId;
  const from = firstAddress(mail.from);
  if (from) parsed.from = from;
  const subject = mail.subject?.trim();
  if (subject) parsed.subject = subject;
  if (mail.date && !Number.isNaN(mail.date.getTime())) parsed.date = mail.date.toISOString();
  const spam = headerText(mail, 'x-ses-spam-verdict');
  if (spam) parsed.spamVerdict = spam.toUpperCase();
  const virus = headerText(mail, 'x-ses-virus-verdict');
  if (virus) parsed.virusVerdict = virus.toUpperCase();
  return parsed;
}

/** Why SES's scan says the message must not reach an agent, or undefined when it may. */
export function rejectionByVerdict(
  email: Pick<ParsedEmail, 'spamVerdict' | 'virusVerdict'>,
): 'spam' | 'virus' | undefined {
  if (email.virusVerdict === 'FAIL') return 'virus';
  if (email.spamVerdict === 'FAIL') return 'spam';
  return undefined;
}
