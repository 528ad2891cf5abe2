import { createReadStream } from 'node:fs';

/**
 * Reading a text file an operator hands the CLI (customer imports), in UTF-8 (with or without a BOM) or
 * CP932, the Shift_JIS of Windows, Excel and Japanese CRMs. Decoding is strict (WHATWG `TextDecoder`
 * with `fatal`, whose `shift_jis` is Windows-31J = CP932 with the NEC and IBM extensions): a byte that is
 * not valid in the encoding stops the read with the line it is on, so nothing is ever stored as mojibake.
 */

export const TEXT_ENCODINGS = ['utf-8', 'cp932'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

const ENCODING_ALIASES: Record<string, TextEncodingName | 'auto'> = {
  auto: 'auto',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  cp932: 'cp932',
  'windows-31j': 'cp932',
  shift_jis: 'cp932',
  'shift-jis': 'cp932',
  sjis: 'cp932',
};

/** Thrown when the file is not text in the chosen (or any supported) encoding. */
export class TextEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextEncodingError';
  }
}

/** `--encoding` as typed (case-insensitive, common aliases); undefined when not one we read. */
export function parseEncodingOption(value: string | undefined): TextEncodingName | 'auto' | undefined {
  if (value === undefined) return 'auto';
  return ENCODING_ALIASES[value.trim().toLowerCase()];
}

const WHATWG_LABEL: Record<TextEncodingName, string> = { 'utf-8': 'utf-8', cp932: 'shift_jis' };
const DISPLAY: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', cp932: 'CP932 (Shift_JIS)' };
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

interface Inspection {
  bom: boolean;
  ascii: boolean;
  /** First line that is not valid in the encoding; undefined when the whole file is valid. */
  invalidLine: Partial<Record<TextEncodingName, number>>;
}

function lineBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Streams a file through strict decoders to learn which encodings it is valid in. */
async function inspect(path: string): Promise<Inspection> {
  const state = TEXT_ENCODINGS.map((encoding) => ({
    encoding,
    decoder: new TextDecoder(WHATWG_LABEL[encoding], { fatal: true }),
    lines: 1,
    invalidLine: undefined as number | undefined,
  }));
  let first = true;
  let bom = false;
  let ascii = true;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (first) {
      bom = UTF8_BOM.every((b, i) => chunk[i] === b);
      first = false;
    }
    if (ascii && chunk.some((b) => b > 0x7f)) ascii = false;
    for (const s of state) {
      if (s.invalidLine !== undefined) continue;
      try {
        s.lines += lineBreaks(s.decoder.decode(chunk, { stream: true }));
      } catch {
        s.invalidLine = s.lines + firstInvalidLineOffset(s.encoding, chunk);
      }
    }
    if (state.every((s) => s.invalidLine !== undefined)) break;
  }
  for (const s of state) {
    if (s.invalidLine !== undefined) continue;
    try {
      s.decoder.decode();
    } catch {
      s.invalidLine = s.lines; // the file ends inside a multibyte character
    }
  }
  return { bom, ascii, invalidLine: Object.fromEntries(state.map((s) => [s.encoding, s.invalidLine])) };
}

/** Line breaks before the first undecodable byte of a chunk (the replacement character marks it). */
function firstInvalidLineOffset(encoding: TextEncodingName, chunk: Buffer): number {
  const lenient = new TextDecoder(WHATWG_LABEL[encoding]).decode(chunk);
  const at = lenient.indexOf('\uFFFD');
  return lineBreaks(at === -1 ? lenient : lenient.slice(0, at));
}

/**
 * Decides the encoding of a file: the one given, checked, or the one detected (UTF-8 when the file is
 * valid UTF-8, else CP932 when valid CP932). Throws {@link TextEncodingError} naming the first bad line.
 */
export async function resolveEncoding(path: string, wanted: TextEncodingName | 'auto'): Promise<TextEncodingName> {
  const found = await inspect(path);
  const invalid = (e: TextEncodingName) => found.invalidLine[e];
  if (wanted === 'auto') {
    if (invalid('utf-8') === undefined) return 'utf-8';
    if (invalid('cp932') === undefined && !found.bom) return 'cp932';
    throw new TextEncodingError(
      `neither UTF-8 (invalid at line ${invalid('utf-8')}) nor CP932/Shift_JIS` +
        (found.bom ? ' (the file starts with a UTF-8 BOM)' : ` (invalid at line ${invalid('cp932')})`) +
        ': save it as UTF-8 or CP932 and import again',
    );
  }
  const bad = invalid(wanted);
  if (bad !== undefined) {
    const other = TEXT_ENCODINGS.find((e) => e !== wanted && invalid(e) === undefined);
    throw new TextEncodingError(
      `not valid ${DISPLAY[wanted]} at line ${bad}` +
        (other ? `; the file reads as ${DISPLAY[other]}: give --encoding ${other}` : ''),
    );
  }
  // Text in Japanese that is valid UTF-8 is almost never Shift_JIS; read as CP932 it would be mojibake.
  if (wanted === 'cp932' && (found.bom || (!found.ascii && invalid('utf-8') === undefined))) {
    throw new TextEncodingError('the file is UTF-8, not CP932 (Shift_JIS): give --encoding utf-8 or leave it out');
  }
  return wanted;
}

/** Streams the text of a file in an encoding resolved by {@link resolveEncoding}; counts bytes read. */
export async function* readTextFile(
  path: string,
  encoding: TextEncodingName,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder(WHATWG_LABEL[encoding], { fatal: true });
  let lines = 1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // The file changed since it was checked.
      throw new TextEncodingError(
        `not valid ${DISPLAY[encoding]} at line ${lines + firstInvalidLineOffset(encoding, chunk)}`,
      );
    }
    lines += lineBreaks(text);
    onBytes?.(chunk.length);
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
