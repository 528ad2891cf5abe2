import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SpanSet } from './spans';

/**
 * Japanese personal names and street addresses, found with a morphological analyzer: kuromoji
 * (IPADIC) tags person names `名詞,固有名詞,人名,姓|名` and places `名詞,固有名詞,地域` / `名詞,接尾,地域`
 * (都・府・県・市・区・町・村・郡). On top of the tags, the cues that mark a name or an address in a
 * customer's message: the honorifics 様・さん・殿・君・氏 after a noun the dictionary does not know
 * as a person (小鳥遊さん), 「と申します」, 「名前は」, and the block numbers 丁目・番地・番・号 that make a
 * place an address.
 */

/** The fields of a kuromoji (IPADIC) token this module reads. */
export interface JapaneseToken {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  pos_detail_2: string;
  pos_detail_3: string;
  word_type: string;
}

/** Port to a Japanese morphological analyzer (kuromoji here; see docs/voc.md for the comparison). */
export interface JapaneseTokenizer {
  tokenize(text: string): JapaneseToken[];
}

/** Where the asset puts the dictionary (`<function dir>/kuromoji-dict`, see VocPipeline's bundling). */
export const BUNDLED_DICTIONARY_DIR = 'kuromoji-dict';

/**
 * The IPADIC dictionary directory: next to the bundle in Lambda (`/var/task/kuromoji-dict`, copied
 * by the asset's bundling hook), else the installed package's `dict/`.
 */
export function kuromojiDictionaryDir(): string {
  const bundled = join(__dirname, BUNDLED_DICTIONARY_DIR);
  if (existsSync(bundled)) return bundled;
  // Through a variable: esbuild leaves it alone (in the bundle the branch above always returns).
  const packageJson = 'kuromoji/package.json';
  return join(dirname(require.resolve(packageJson)), 'dict');
}

const tokenizers = new Map<string, Promise<JapaneseTokenizer>>();

/**
 * Builds the kuromoji tokenizer (reads and inflates ~18 MB of dictionary: about a second) once per
 * process and dictionary directory; every later call gets the same one.
 */
export function loadKuromojiTokenizer(dicPath: string = kuromojiDictionaryDir()): Promise<JapaneseTokenizer> {
  let pending = tokenizers.get(dicPath);
  if (!pending) {
    pending = new Promise<JapaneseTokenizer>((resolve, reject) => {
      // Loaded here, not at module load: importing the redactor costs nothing until it is built.
      const kuromoji = require('kuromoji') as typeof import('kuromoji');
      kuromoji.builder({ dicPath }).build((err, tokenizer) => {
        if (err) reject(new Error(`kuromoji could not load its dictionary from ${dicPath}: ${String(err)}`));
        else resolve(tokenizer as JapaneseTokenizer);
      });
    });
    pending.catch(() => tokenizers.delete(dicPath));
    tokenizers.set(dicPath, pending);
  }
  return pending;
}

/** Japanese script (kana or kanji): only text holding some is tokenized. */
export const JAPANESE_CHAR = /[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}]/u;

const HONORIFICS = new Set(['様', 'さま', 'さん', '殿', '君', 'くん', 'ちゃん', '氏']);
/**
 * Nouns that take an honorific without being a name (お客様, 担当者さん, 運転手さん): never redacted
 * as a name.
 */
const ROLE_NOUNS = new Set([
  '客',
  'お客',
  'お客様',
  '皆',
  '皆様',
  'みな',
  'みなさん',
  '担当',
  '担当者',
  '者',
  '方',
  '人',
  '店長',
  '店員',
  '社員',
  '職員',
  '係',
  '係員',
  '社長',
  '部長',
  '課長',
  '係長',
  '主任',
  '先生',
  '運転手',
  '配達員',
  '業者',
  '大家',
  '隣',
  'お隣',
  '奥',
  '旦那',
  '娘',
  '息子',
  '母',
  '父',
  'お母',
  'お父',
  '兄',
  '姉',
  '弟',
  '妹',
  '利用者',
  '会員',
  '御中',
  '窓口',
  '受付',
  '営業',
  'オペレーター',
  'スタッフ',
  'ドライバー',
  'サポート',
  'センター',
]);
const KATAKANA = /^[\p{sc=Katakana}ー]+$/u;
const NAME_SURFACE = /^[\p{sc=Han}\p{sc=Katakana}ー々ヶA-Za-z]+$/u;
const BLOCK_MARKERS = new Set(['丁目', '番地', '番', '号', '号室', '丁', '条', '階', '棟', 'F']);
const CONNECTORS = /^[-‐−–—―ー－の]$/;
/** Words before an address that say "here comes an address" (then a single place is enough). */
const ADDRESS_CUE = /(?:住所|住まい|在住|届け先|配送先|送付先|送り先|現住所|address)\s*(?:は|:|：|が)?\s*$/i;
/** Words before a name that say "here comes a name". */
const NAME_CUE = /(?:名前|氏名|名義|お名前|契約者|申込者)\s*(?:は|:|：|が)?\s*$/;

const isSpace = (t: JapaneseToken) => t.pos === '記号' && t.pos_detail_1 === '空白';
const isPersonName = (t: JapaneseToken) =>
  t.pos === '名詞' && t.pos_detail_1 === '固有名詞' && t.pos_detail_2 === '人名';
const isRegion = (t: JapaneseToken) =>
  t.pos === '名詞' && t.pos_detail_1 === '固有名詞' && t.pos_detail_2 === '地域' && t.pos_detail_3 !== '国';
const isRegionSuffix = (t: JapaneseToken) => t.pos_detail_1 === '接尾' && t.pos_detail_2 === '地域';
const isNumber = (t: JapaneseToken) => t.pos_detail_1 === '数' || /^\d+$/.test(t.surface_form);
const isBlock = (t: JapaneseToken) => BLOCK_MARKERS.has(t.surface_form);
const isConnector = (t: JapaneseToken) => CONNECTORS.test(t.surface_form);
/** A noun that may be (part of) a name: proper or common noun, or a word the dictionary does not know. */
const isNameLike = (t: JapaneseToken) =>
  t.pos === '名詞' &&
  (t.pos_detail_1 === '固有名詞' || t.pos_detail_1 === '一般' || t.word_type === 'UNKNOWN') &&
  NAME_SURFACE.test(t.surface_form) &&
  !ROLE_NOUNS.has(t.surface_form);
const isHonorific = (t: JapaneseToken) =>
  HONORIFICS.has(t.surface_form) && (t.pos_detail_1 === '接尾' || t.surface_form === '殿' || t.surface_form === '氏');

interface Located extends JapaneseToken {
  start: number;
  end: number;
}

function locate(text: string, tokens: JapaneseToken[]): Located[] {
  let pos = 0;
  return tokens.map((t) => {
    const at = text.indexOf(t.surface_form, pos);
    const start = at >= 0 ? at : pos;
    pos = start + t.surface_form.length;
    return { ...t, start, end: pos };
  });
}

/** Adds NAME and ADDRESS spans found in `text` (already masked where earlier detectors matched). */
export function detectJapaneseNamesAndPlaces(text: string, tokenizer: JapaneseTokenizer, spans: SpanSet): void {
  for (const segment of segments(text)) {
    if (!JAPANESE_CHAR.test(segment.text)) continue;
    const tokens = locate(segment.text, tokenizer.tokenize(segment.text)).map((t) => ({
      ...t,
      start: t.start + segment.start,
      end: t.end + segment.start,
    }));
    detectAddresses(text, tokens, spans);
    detectNames(text, tokens, spans);
  }
}

/**
 * kuromoji's lattice grows with the square of an unbroken run (9,000 characters without a sentence
 * end take tens of seconds), and a hostile message can be one such run. So the text is tokenized in
 * segments: sentences, and within a long sentence pieces of at most {@link MAX_SEGMENT} characters cut
 * after the last space or comma (or, failing one, hard), which a name or an address hardly straddles.
 */
const MAX_SEGMENT = 200;

function segments(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[^。！？!?\n]*(?:[。！？!?\n]+|$)/g)) {
    if (m[0].length === 0) continue;
    let from = m.index;
    const to = m.index + m[0].length;
    while (to - from > MAX_SEGMENT) {
      const window = text.slice(from, from + MAX_SEGMENT);
      const cut = Math.max(
        window.lastIndexOf(' '),
        window.lastIndexOf('、'),
        window.lastIndexOf(','),
        window.lastIndexOf('　'),
      );
      const end = cut > MAX_SEGMENT / 2 ? from + cut + 1 : from + MAX_SEGMENT;
      out.push({ start: from, text: text.slice(from, end) });
      from = end;
    }
    out.push({ start: from, text: text.slice(from, to) });
    start = to;
  }
  if (start < text.length) out.push({ start, text: text.slice(start) });
  return out;
}

function detectNames(text: string, tokens: Located[], spans: SpanSet): void {
  const add = (from: number, to: number) => {
    const first = tokens[from];
    const last = tokens[to];
    if (first && last) spans.add({ start: first.start, end: last.end, kind: 'NAME' });
  };
  /** The run of name-like nouns ending at `end` (whitespace between them allowed), or undefined. */
  const runBefore = (end: number): number | undefined => {
    let k = end;
    let start: number | undefined;
    while (k >= 0 && end - k < 6) {
      const t = tokens[k] as Located;
      if (isNameLike(t)) start = k;
      else if (!(isSpace(t) && start !== undefined)) break;
      k--;
    }
    return start;
  };
  const runAfter = (begin: number): number | undefined => {
    let k = begin;
    let end: number | undefined;
    while (k < tokens.length && k - begin < 6) {
      const t = tokens[k] as Located;
      if (isNameLike(t)) end = k;
      else if (!(isSpace(t) && (end !== undefined || k === begin))) break;
      k++;
    }
    return end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Located;
    // Dictionary person names, 姓 and 名 together (鈴木 一郎).
    // A katakana "name" inside a katakana compound (マイ|ナンバー) is part of a word.
    const katakanaCompound =
      KATAKANA.test(t.surface_form) &&
      [tokens[i - 1], tokens[i + 1]].some(
        (n) => n && n.pos === '名詞' && !isPersonName(n) && KATAKANA.test(n.surface_form),
      );
    if (isPersonName(t) && !katakanaCompound) {
      let j = i;
      while (j + 1 < tokens.length) {
        const next = tokens[j + 1] as Located;
        const afterSpace = tokens[j + 2];
        if (isPersonName(next)) j++;
        else if (isSpace(next) && afterSpace && isPersonName(afterSpace)) j += 2;
        else break;
      }
      const cued =
        isHonorific(tokens[j + 1] ?? t) ||
        (tokens[j + 1] && isSpace(tokens[j + 1] as Located) && tokens[j + 2] && isHonorific(tokens[j + 2] as Located));
      // A lone one-character given name (誠, 愛) is too often a word; with a surname or an honorific it is a name.
      if (j > i || Array.from(t.surface_form).length > 1 || cued) {
        const start = runBefore(i) ?? i;
        add(Math.min(start, i), j);
      }
      i = j;
      continue;
    }
    // 〜様／さん／殿／君／氏: the nouns before it are a name unless they name a role (お客様, 担当者さん).
    if (isHonorific(t)) {
      let end = i - 1;
      if (tokens[end] && isSpace(tokens[end] as Located)) end--;
      const start = end >= 0 ? runBefore(end) : undefined;
      if (start !== undefined) add(start, end);
      continue;
    }
    // 〜と申します／といいます
    if (t.surface_form === 'と' && i > 0) {
      const next = tokens[i + 1]?.surface_form ?? '';
      if (/^(申し|申す|申します|いい|言い|いう|言う)$/.test(next)) {
        const start = runBefore(i - 1);
        if (start !== undefined) add(start, i - 1);
      }
    }
    // 名前は〜／氏名：〜
    if (NAME_CUE.test(text.slice(Math.max(0, t.start - 8), t.start)) && (isNameLike(t) || isSpace(t))) {
      const end = runAfter(i);
      if (end !== undefined) {
        let start = i;
        while (tokens[start] && isSpace(tokens[start] as Located)) start++;
        add(start, end);
        i = end;
      }
    }
  }
}

function detectAddresses(text: string, tokens: Located[], spans: SpanSet): void {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Located;
    const startsPlace =
      isRegion(t) || (isNameLike(t) && tokens[i + 1] !== undefined && isRegionSuffix(tokens[i + 1] as Located));
    if (!startsPlace) {
      i++;
      continue;
    }
    let j = i;
    let regions = 0;
    let suffixes = 0;
    let blocks = 0;
    let numbered = false;
    let last = i;
    while (j < tokens.length) {
      const u = tokens[j] as Located;
      const next = tokens[j + 1];
      if (isRegion(u)) regions++;
      else if (isRegionSuffix(u)) suffixes++;
      else if (isNumber(u)) {
        numbered = true;
        if (next && (isBlock(next) || isConnector(next))) blocks++;
      } else if (isBlock(u)) {
        if (!numbered) break;
      } else if (isConnector(u)) {
        if (!next || !isNumber(next)) break;
      } else if (isSpace(u)) {
        // One space inside an address (番地 and building name): only when the address goes on after it.
        if (!numbered || !next || !(isNameLike(next) || isNumber(next))) break;
      } else if (!(isNameLike(u) || (u.pos === '名詞' && u.pos_detail_1 === '固有名詞'))) break;
      last = j;
      j++;
    }
    const cued = ADDRESS_CUE.test(text.slice(Math.max(0, t.start - 10), t.start));
    const isAddress =
      (blocks > 0 && regions + suffixes > 0) ||
      suffixes >= 2 ||
      (suffixes >= 1 && regions >= 2) ||
      (cued && regions + suffixes > 0);
    if (isAddress) spans.add({ start: t.start, end: (tokens[last] as Located).end, kind: 'ADDRESS' });
    // A run that is no address from its first token is none from a later one either (fewer places, same end).
    i = last + 1;
  }
}
