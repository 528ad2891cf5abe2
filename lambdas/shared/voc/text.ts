/**
 * Cutting and chunking text for Comprehend, always on character (code point) boundaries:
 * a document must stay under 5,000 UTF-8 bytes (Japanese is ~3 bytes a character) and sentiment
 * reads only the first 500 characters of a document.
 */

/** Largest document sent to Comprehend, in UTF-8 bytes (the limit is 5,000; stay under it). */
export const MAX_DOCUMENT_BYTES = 4_999;
/** Sentiment only reads the first 500 characters, so sentiment documents are ≤ 500 characters. */
export const SENTIMENT_CHUNK_CHARS = 500;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function codePointBytes(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes that ends on a character boundary. */
export function cutToBytes(text: string, maxBytes: number = MAX_DOCUMENT_BYTES): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const b = codePointBytes(ch.codePointAt(0) ?? 0);
    if (bytes + b > maxBytes) break;
    bytes += b;
    end += ch.length;
  }
  return text.slice(0, end);
}

const SENTENCE_END = /[。！？!?.\n]/;

export interface ChunkLimits {
  /** At most this many characters (code points) per chunk. */
  maxChars?: number;
  /** At most this many UTF-8 bytes per chunk. */
  maxBytes?: number;
  /** Stop after this many chunks (the rest of the text is not analyzed). */
  maxChunks: number;
}

/**
 * Splits text into consecutive chunks within both limits, preferring to break after a sentence end
 * (。！？.!? or a newline) found in the last third of a chunk. Whitespace-only chunks are dropped.
 */
export function chunkText(text: string, limits: ChunkLimits): string[] {
  const maxChars = limits.maxChars ?? Number.POSITIVE_INFINITY;
  const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
  const chars = Array.from(text);
  const chunks: string[] = [];
  let start = 0;
  while (start < chars.length && chunks.length < limits.maxChunks) {
    let end = start;
    let bytes = 0;
    while (end < chars.length && end - start < maxChars) {
      const b = codePointBytes(chars[end]?.codePointAt(0) ?? 0);
      if (bytes + b > maxBytes) break;
      bytes += b;
      end++;
    }
    if (end < chars.length) {
      const floor = start + Math.floor(((end - start) * 2) / 3);
      for (let i = end - 1; i >= floor; i--) {
        if (SENTENCE_END.test(chars[i] ?? '')) {
          end = i + 1;
          break;
        }
      }
    }
    const chunk = chars.slice(start, end).join('');
    if (chunk.trim().length > 0) chunks.push(chunk);
    start = end;
  }
  return chunks;
}
