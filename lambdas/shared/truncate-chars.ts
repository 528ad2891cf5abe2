/**
 * Cuts to at most `max` characters (code points) without splitting a surrogate pair.
 *
 * Kept in a file of its own, free of imports: the web intake Lambdas use it, and importing it from the
 * mail parser's module would put mailparser and its charset tables into their bundles and cold starts.
 */
export function truncateChars(text: string, max: number): { text: string; truncated: boolean } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, truncated: false };
  return { text: chars.slice(0, max).join(''), truncated: true };
}
