/**
 * Deploy-time placeholders: `${Name}` tokens in flow files (for example `${IvrLookupFunctionArn}`,
 * `${Queue:General}`), replaced by ARNs and names at synth. `$.` references are Connect's own
 * runtime references and are never placeholders.
 */

/** A placeholder token: `${` + anything but `}` + `}`. */
export const PLACEHOLDER_PATTERN = /\$\{([^}]*)\}/g;

/** Placeholder tokens (as written, e.g. `${Queue:General}`) in order of first appearance, without duplicates. */
export function findPlaceholders(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER_PATTERN), (m) => m[0]))];
}

export interface SubstitutionResult {
  /** The content with every known placeholder replaced. */
  content: string;
  /** Tokens left in the content because `values` has no entry for them, e.g. `${Queue:Missing}`. */
  unresolved: string[];
}

/**
 * Replaces `${Name}` with `values[Name]`. Values are JSON-string escaped, since flow files are JSON
 * and placeholders sit inside JSON strings. Unknown names are left as they are and reported.
 */
export function substitutePlaceholders(content: string, values: Readonly<Record<string, string>>): SubstitutionResult {
  const unresolved = new Set<string>();
  const out = content.replace(PLACEHOLDER_PATTERN, (token: string, name: string) => {
    if (!Object.hasOwn(values, name)) {
      unresolved.add(token);
      return token;
    }
    return JSON.stringify(values[name]).slice(1, -1);
  });
  return { content: out, unresolved: [...unresolved] };
}
