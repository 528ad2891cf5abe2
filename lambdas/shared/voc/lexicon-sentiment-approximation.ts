import { PatternPiiApproximation } from './pattern-pii-approximation';
import type { PiiEntitySpan } from './pii';
import type {
  DocResult,
  KeyPhrase,
  PiiEntityDetector,
  Sentiment,
  SentimentResult,
  SentimentScores,
  TextAnalytics,
} from './text-analytics';

/**
 * OFFLINE APPROXIMATION — THIS IS NOT AMAZON COMPREHEND.
 *
 * A small word-list (lexicon) scorer for Japanese and English so that `voc ingest`, the local
 * console and the tests run without an AWS account. It gives the same *shape* of answers as
 * Comprehend (four scores that sum to 1, a label, key phrases) so the reports have something to
 * show, but the numbers are not comparable with Comprehend's:
 *
 * - sentiment counts positive and negative terms (with negation such as 「満足できません」,
 *   "not helpful", and intensifiers such as 「とても」, "very") and turns the counts into scores;
 *   no context, irony or domain knowledge;
 * - key phrases are runs of kanji/katakana words (Japanese, via `Intl.Segmenter`) or runs of
 *   non-stopwords (English), not a trained noun-phrase chunker;
 * - dominant language is "ja" when kana/kanji make up ≥ 20 % of the letters, else "en";
 * - PII entities (English only) come from the `pii` detector, by default the offline
 *   {@link PatternPiiApproximation} (self-introduced names, titled names, street addresses — NOT
 *   Comprehend either); pass `{ pii: null }` to detect none (only the pattern redaction applies).
 */
export class LexiconSentimentApproximation implements TextAnalytics {
  readonly engine = 'lexicon-approximation';
  /** Engine answering {@link detectPiiEntities} (`pattern-pii-approximation`), or `none`. */
  readonly piiEngine: string;
  private readonly pii: PiiEntityDetector | null;

  constructor(options: { pii?: (PiiEntityDetector & { engine?: string }) | null } = {}) {
    this.pii = options.pii === undefined ? new PatternPiiApproximation() : options.pii;
    this.piiEngine = this.pii ? ((this.pii as { engine?: string }).engine ?? 'custom') : 'none';
  }

  async detectDominantLanguage(texts: readonly string[]): Promise<DocResult<string>[]> {
    return texts.map((t) => ({ ok: true, value: guessLanguage(t) }));
  }

  async detectSentiment(language: string, texts: readonly string[]): Promise<DocResult<SentimentResult>[]> {
    return texts.map((t) => ({ ok: true, value: scoreSentiment(language, t) }));
  }

  async detectKeyPhrases(language: string, texts: readonly string[]): Promise<DocResult<KeyPhrase[]>[]> {
    return texts.map((t) => ({ ok: true, value: extractKeyPhrases(language, t) }));
  }

  supportsPii(language: string): boolean {
    return this.pii?.supportsPii(language) ?? false;
  }

  async detectPiiEntities(language: string, text: string): Promise<PiiEntitySpan[]> {
    return this.pii ? this.pii.detectPiiEntities(language, text) : [];
  }
}

const JA_CHAR = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const LATIN_CHAR = /\p{Script=Latin}/u;

export function guessLanguage(text: string): 'ja' | 'en' {
  let ja = 0;
  let latin = 0;
  for (const ch of text) {
    if (JA_CHAR.test(ch)) ja++;
    else if (LATIN_CHAR.test(ch)) latin++;
  }
  return ja > 0 && ja >= 0.2 * (ja + latin) ? 'ja' : 'en';
}

const JA_POSITIVE = [
  'ありがとう',
  '感謝',
  '助かり',
  '助かる',
  '助かっ',
  '満足',
  '嬉し',
  'うれし',
  '良かった',
  'よかった',
  '良い',
  'よい',
  '素晴らしい',
  'すばらしい',
  '丁寧',
  '親切',
  '迅速',
  '早く',
  '便利',
  '安心',
  '最高',
  '快適',
  '解決',
  '好き',
  '素敵',
  '分かりやすい',
  'わかりやすい',
];
const JA_NEGATIVE = [
  '不満',
  '遅い',
  '遅れ',
  '遅延',
  '届かない',
  '届いていない',
  '最悪',
  '困っ',
  '困る',
  '残念',
  'ひどい',
  '酷い',
  '怒',
  '不便',
  '失望',
  'がっかり',
  '故障',
  '壊れ',
  '不具合',
  '返金',
  '苦情',
  '待たされ',
  'つながらない',
  '繋がらない',
  '二度と',
  'エラー',
  '解約',
  '不親切',
  '間違',
  '誤り',
  '不安',
  '対応が悪い',
  'できない',
];
const JA_INTENSIFIERS = ['とても', '非常に', '大変', '本当に', 'すごく', '全く', 'まったく'];
/** Negation right after a term flips it: 「満足できません」「良くない」「解決しない」. */
const JA_NEGATION_AFTER = /^(?:く|し|でき|され|て)?(?:ない|なかっ|ません|ず)/;

const EN_POSITIVE = new Set([
  'thank',
  'thanks',
  'great',
  'excellent',
  'helpful',
  'happy',
  'love',
  'good',
  'quick',
  'quickly',
  'fast',
  'resolved',
  'friendly',
  'satisfied',
  'amazing',
  'perfect',
  'appreciate',
  'easy',
  'awesome',
  'wonderful',
  'pleased',
  'kind',
  'polite',
]);
const EN_NEGATIVE = new Set([
  'bad',
  'terrible',
  'awful',
  'slow',
  'late',
  'delay',
  'delayed',
  'angry',
  'disappointed',
  'disappointing',
  'poor',
  'broken',
  'worst',
  'frustrated',
  'frustrating',
  'unacceptable',
  'problem',
  'refund',
  'cancel',
  'rude',
  'useless',
  'complaint',
  'wrong',
  'error',
  'hate',
  'unhappy',
  'horrible',
  'failed',
  'missing',
]);
const EN_NEGATORS = new Set(['not', 'no', 'never', "don't", "didn't", "isn't", "wasn't", "can't", 'cannot', "won't"]);
const EN_INTENSIFIERS = new Set(['very', 'really', 'extremely', 'so', 'totally', 'completely']);

/** Prior weight of "neutral"; one unopposed term gives 0.67, two give 0.8. */
const NEUTRAL_PRIOR = 0.5;

function scoresFrom(pos: number, neg: number): SentimentResult {
  const mixedRaw = pos > 0 && neg > 0 ? Math.min(pos, neg) : 0;
  const total = pos + neg + mixedRaw + NEUTRAL_PRIOR;
  const scores: SentimentScores = {
    positive: pos / total,
    negative: neg / total,
    neutral: NEUTRAL_PRIOR / total,
    mixed: mixedRaw / total,
  };
  // Ties go to the more informative label.
  const order: [Sentiment, number][] = [
    ['MIXED', scores.mixed],
    ['NEGATIVE', scores.negative],
    ['POSITIVE', scores.positive],
    ['NEUTRAL', scores.neutral],
  ];
  let best = order[0] as [Sentiment, number];
  for (const o of order) if (o[1] > best[1] + 1e-9) best = o;
  if (pos === 0 && neg === 0) best = ['NEUTRAL', scores.neutral];
  return { sentiment: best[0], scores };
}

export function scoreSentiment(language: string, text: string): SentimentResult {
  return language === 'ja' ? scoreJapanese(text) : scoreEnglish(text);
}

/** Every Japanese term with its polarity, longest first (「不親切」 is found before 「親切」). */
const JA_TERMS = [...JA_POSITIVE.map((t) => [t, 1] as const), ...JA_NEGATIVE.map((t) => [t, -1] as const)].sort(
  (a, b) => b[0].length - a[0].length,
);

function scoreJapanese(text: string): SentimentResult {
  let pos = 0;
  let neg = 0;
  let i = 0;
  while (i < text.length) {
    const hit = JA_TERMS.find(([t]) => text.startsWith(t, i));
    if (!hit) {
      i++;
      continue;
    }
    const [term, polarity] = hit;
    const before = text.slice(Math.max(0, i - 5), i);
    const weight = JA_INTENSIFIERS.some((w) => before.includes(w)) ? 1.5 : 1;
    const negated = JA_NEGATION_AFTER.test(text.slice(i + term.length, i + term.length + 6));
    const p = negated && polarity === 1 ? -1 : negated ? 0.5 : polarity;
    if (p > 0) pos += weight * p;
    else neg += weight * -p;
    i += term.length;
  }
  return scoresFrom(pos, neg);
}

const segmenters = new Map<'ja' | 'en', Intl.Segmenter>();

/** One word segmenter per language, built on first use (a segmenter is reusable and costly to build). */
function wordSegmenter(language: string): Intl.Segmenter {
  const locale = language === 'ja' ? 'ja' : 'en';
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

function words(language: string, text: string): string[] {
  return Array.from(wordSegmenter(language).segment(text))
    .filter((s) => s.isWordLike)
    .map((s) => s.segment);
}

function scoreEnglish(text: string): SentimentResult {
  const tokens = words('en', text.toLowerCase().replace(/’/g, "'"));
  let pos = 0;
  let neg = 0;
  tokens.forEach((w, i) => {
    const polarity = EN_POSITIVE.has(w) ? 1 : EN_NEGATIVE.has(w) ? -1 : 0;
    if (polarity === 0) return;
    const window = tokens.slice(Math.max(0, i - 3), i);
    const negated = window.some((x) => EN_NEGATORS.has(x));
    const weight = window.some((x) => EN_INTENSIFIERS.has(x)) ? 1.5 : 1;
    const p = negated ? -polarity : polarity;
    if (p > 0) pos += weight;
    else neg += weight;
  });
  return scoresFrom(pos, neg);
}

const EN_STOPWORDS = new Set(
  (
    'a an the and or but if then of to in on at for from by with about as is are was were be been being it its this that ' +
    'these those i me my we our you your he she they them their his her not no never do does did done have has had ' +
    'can could would should will shall may might must very really so too just also please thank thanks hello hi dear ' +
    'there here what when where which who why how all any some more most much many again still even only yet after before'
  ).split(' '),
);
const NOUNISH_JA = /^[\p{Script=Han}\p{Script=Katakana}ー]+$/u;
const JA_STOPWORDS = new Set(['私', '今回', '先日', '本日', '様', '方', '時', '事', '件', '度', '者']);

export function extractKeyPhrases(language: string, input: string): KeyPhrase[] {
  // Redaction placeholders ([PHONE], [NAME]…) are not phrases: turn them into phrase breaks.
  const text = input.replace(/\[[A-Z_]+\]/g, '. ');
  const phrases: string[] = [];
  if (language === 'ja') {
    let run = '';
    for (const s of wordSegmenter('ja').segment(text)) {
      if (s.isWordLike && NOUNISH_JA.test(s.segment)) run += s.segment;
      else {
        if (Array.from(run).length >= 2 && !JA_STOPWORDS.has(run)) phrases.push(run);
        run = '';
      }
    }
    if (Array.from(run).length >= 2 && !JA_STOPWORDS.has(run)) phrases.push(run);
  } else {
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0) phrases.push(run.join(' '));
      run = [];
    };
    for (const s of wordSegmenter('en').segment(text)) {
      const w = s.segment.toLowerCase();
      if (!s.isWordLike) {
        if (!/^\s+$/.test(s.segment)) flush();
        continue;
      }
      if (w.length < 3 || EN_STOPWORDS.has(w) || /\d/.test(w) || EN_POSITIVE.has(w) || EN_NEGATIVE.has(w)) flush();
      else {
        run.push(w);
        if (run.length === 3) flush();
      }
    }
    flush();
  }
  const freq = new Map<string, number>();
  for (const p of phrases) freq.set(p, (freq.get(p) ?? 0) + 1);
  return [...freq.entries()].map(([p, n]) => ({ text: p, score: Math.min(0.99, 0.6 + 0.1 * n) }));
}
