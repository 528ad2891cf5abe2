import type { HeaderFields } from './ses-authentication';

/**
 * Limits a received message must stay within before the MIME parser sees it, so a hostile or broken
 * message becomes a recorded "unusable email" with its reason instead of an exception that SQS
 * redelivers until the DLQ (docs/intake.md, "Unusable email"). One linear pass over the raw bytes,
 * bounded memory, no decoding. Real mail stays far below every limit: a forwarded message inside a
 * reply is about 5 levels deep, newsletters have a few dozen parts and about 60 header fields.
 */

export const MIME_LIMITS = {
  /** Nesting of multiparts and attached messages (message/rfc822). */
  maxDepth: 16,
  /** Body parts in the whole message. */
  maxParts: 500,
  /** Header fields of one part (or of the message). */
  maxHeaderFields: 1000,
  /** Bytes of one header block. */
  maxHeaderBytes: 256 * 1024,
  /** Decoded bytes of one attachment (SES accepts at most 40 MB per message, encoding included). */
  maxAttachmentBytes: 25 * 1024 * 1024,
} as const;

export type MimeLimits = { -readonly [K in keyof typeof MIME_LIMITS]: number };

/** Base64 grows 3 bytes to 4 plus line breaks: the encoded size an attachment may reach. */
function maxEncodedBytes(decoded: number): number {
  return Math.ceil((decoded * 4) / 3) + Math.ceil(decoded / 57) * 2 + 1024;
}

interface Frame {
  boundary: string;
  depth: number;
}

/**
 * The first limit `raw` exceeds, in words, or undefined when it stays within all of them. Boundaries
 * are matched as mailsplit matches them (a line `--boundary` or `--boundary--`, trailing space ignored).
 */
export function exceededMimeLimit(raw: Buffer, limits: MimeLimits = MIME_LIMITS): string | undefined {
  const text = raw.toString('latin1');
  const open: Frame[] = [];
  let inHeaders = true;
  let depth = 0;
  let parts = 1;
  let fields = 0;
  let headerBytes = 0;
  let contentType = '';
  let collectingContentType = false;
  let leafBytes = 0;
  let leafIsBody = false;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).replace(/\r$/, '');
    pos = end + 1;
    if (inHeaders) {
      headerBytes += line.length + 2;
      if (headerBytes > limits.maxHeaderBytes) return `a header block is larger than ${limits.maxHeaderBytes} bytes`;
      if (line === '') {
        inHeaders = false;
        const type =
          /^\s*([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'text/plain';
        const boundary = /boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(contentType);
        const value = boundary?.[1] ?? boundary?.[2];
        if (type.startsWith('multipart/') && value) {
          open.push({ boundary: value, depth });
          leafIsBody = false;
        } else if (type === 'message/rfc822') {
          // The body is a whole message: its headers follow at the next level.
          depth++;
          if (depth > limits.maxDepth) return `MIME parts are nested more than ${limits.maxDepth} levels deep`;
          inHeaders = true;
          fields = 0;
          headerBytes = 0;
          contentType = '';
        } else {
          leafIsBody = true;
          leafBytes = 0;
        }
        continue;
      }
      if (/^[ \t]/.test(line)) {
        if (collectingContentType) contentType += ` ${line.trim()}`;
        continue;
      }
      fields++;
      if (fields > limits.maxHeaderFields) return `a header block has more than ${limits.maxHeaderFields} fields`;
      collectingContentType = /^content-type\s*:/i.test(line);
      if (collectingContentType) contentType = line.slice(line.indexOf(':') + 1);
      continue;
    }
    if (line.startsWith('--') && open.length > 0) {
      const trimmed = line.slice(2).replace(/[ \t]+$/, '');
      let index = -1;
      let closing = false;
      for (let i = open.length - 1; i >= 0; i--) {
        const b = open[i]!.boundary;
        if (trimmed === b || trimmed === `${b}--`) {
          index = i;
          closing = trimmed !== b;
          break;
        }
      }
      if (index >= 0) {
        const frame = open[index]!;
        open.length = closing ? index : index + 1;
        leafIsBody = false;
        if (!closing) {
          parts++;
          if (parts > limits.maxParts) return `the message has more than ${limits.maxParts} MIME parts`;
          depth = frame.depth + 1;
          if (depth > limits.maxDepth) return `MIME parts are nested more than ${limits.maxDepth} levels deep`;
          inHeaders = true;
          fields = 0;
          headerBytes = 0;
          contentType = '';
          collectingContentType = false;
        }
        continue;
      }
    }
    if (leafIsBody) {
      leafBytes += line.length + 2;
      if (leafBytes > maxEncodedBytes(limits.maxAttachmentBytes)) {
        return `a part is larger than ${limits.maxAttachmentBytes} bytes`;
      }
    }
  }
  return undefined;
}

/**
 * The top-level header fields in order (names lower-cased, folded lines joined), read from at most
 * `maxBytes` of the header block: enough for SES's verdicts and the identity of the sender.
 */
export function topLevelHeaderFields(raw: Buffer, maxBytes: number = MIME_LIMITS.maxHeaderBytes): HeaderFields {
  const head = raw.subarray(0, maxBytes).toString('latin1');
  const blank = /\r?\n\r?\n/.exec(head);
  const block = blank ? head.slice(0, blank.index) : head;
  const fields: Array<[string, string]> = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = fields.at(-1);
      if (last) last[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}
