/**
 * Japanese name readings: agents search by the name as written (山田 太郎) or as heard (やまだ, ヤマダ,
 * ﾔﾏﾀﾞ). One folding serves the import (what is stored) and the search (what is compared).
 */

/** Hiragana ぁ (U+3041) … ゖ (U+3096) and ゝゞ map to katakana 0x60 code points higher. */
export function hiraganaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/**
 * A reading as stored: NFKC (half-width ﾔﾏﾀﾞ → ヤマダ), hiragana → katakana, runs of spaces → one
 * space, trimmed. Spaces between family and given name are kept for display.
 */
export function normalizeKana(text: string): string {
  return hiraganaToKatakana(text.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** Katakana, the long-vowel mark, middle dots and spaces only (what a reading may contain once normalized). */
export const KANA_READING = /^[\u30a1-\u30fa\u30fc\u30fd\u30fe\u30fb\s]+$/;

/**
 * The form names and readings are compared in: NFKC, case-folded, hiragana → katakana, every space and
 * middle dot removed (山田 太郎 = 山田太郎, やまだ たろう = ヤマダタロウ, Emily Johnson = emilyjohnson).
 */
export function nameSearchKey(text: string): string {
  return hiraganaToKatakana(text.normalize('NFKC').toLowerCase()).replace(/[\s\u30fb・]+/g, '');
}
