import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { truncateChars } from '../truncate-chars';
import { exceededMimeLimit, MIME_LIMITS, type MimeLimits, topLevelHeaderFields } from './mime-limits';
import { type SesAuthentication, sesAuthentication } from './ses-authentication';

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
  /** SES's own scan verdicts (from the block SES prepends; see ses-authentication.ts). */
  spamVerdict?: string;
  virusVerdict?: string;
  /** SES's verdicts: spam/virus rejection and whether the From address is authenticated. */
  authentication: SesAuthentication;
  /** Auto-Submitted (other than "no"), Precedence bulk/junk/list or List-Id: never auto-reply to it. */
  automated: boolean;
}

export const DEFAULT_MAX_TEXT_CHARS = 10_000;

/**
 * Thrown when the bytes are not an email intake can use: over a MIME limit (mime-limits.ts), not
 * parseable, or without a sender address. Intake records it as an unusable email with the reason;
 * it is never retried (the same bytes fail the same way).
 */
export class UnusableEmailError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
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

function allAddresses(from: AddressObject | AddressObject[] | undefined): string[] {
  const objects = from === undefined ? [] : Array.isArray(from) ? from : [from];
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.address) out.push(entry.address.trim());
      if (entry.group) walk(entry.group);
    }
  };
  for (const object of objects) walk(object.value);
  return out;
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

export async function parseEmail(
  raw: Buffer,
  options: { maxTextChars?: number; limits?: MimeLimits } = {},
): Promise<ParsedEmail> {
  const limits = options.limits ?? MIME_LIMITS;
  const exceeded = exceededMimeLimit(raw, limits);
  if (exceeded) throw new UnusableEmailError(exceeded);
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  } catch (err) {
    throw new UnusableEmailError(`not a readable MIME message (${(err as Error).message})`, { cause: err });
  }
  const oversized = mail.attachments.find((a) => a.size > limits.maxAttachmentBytes);
  if (oversized) {
    throw new UnusableEmailError(
      `attachment ${oversized.filename ?? '(no name)'} is larger than ${limits.maxAttachmentBytes} bytes`,
    );
  }
  const authentication = sesAuthentication(topLevelHeaderFields(raw), allAddresses(mail.from));
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
    authentication,
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
  if (authentication.spamVerdict) parsed.spamVerdict = authentication.spamVerdict;
  if (authentication.virusVerdict) parsed.virusVerdict = authentication.virusVerdict;
  return parsed;
}

/**
 * Why the message must not reach an agent, or undefined when it may: a FAIL from SES's scan, a FAIL
 * anywhere, or a verdict header given twice (a sender's `X-SES-Virus-Verdict: PASS` below SES's FAIL).
 */
export function rejectionByVerdict(email: Pick<ParsedEmail, 'authentication'>): 'spam' | 'virus' | undefined {
  return email.authentication.rejectedAs;
}
