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

/**
 * Deploy-time tokens of other projects' templating styles, which our substitution never replaces: a
 * flow copied from another repository can carry them into a deployment unnoticed. Each style is
 * narrow enough not to match the flow language itself (`$.` references, SSML, URL escapes).
 */
export const FOREIGN_PLACEHOLDER_STYLES: readonly { name: string; pattern: RegExp }[] = [
  // Mustache, Handlebars, Jinja/Ansible, Go templates: {{name}}, {{ .Values.x }}.
  { name: '{{…}}', pattern: /\{\{[^{}\n]{1,200}\}\}/g },
  // Batch/CI token replacement: %QUEUE_ARN%. Two hex digits are a URL escape (%E3%), not a token.
  { name: '%…%', pattern: /%(?![0-9A-Fa-f]{2}%)[A-Za-z_][A-Za-z0-9_.:-]{0,100}%/g },
  // Azure Pipelines / Octopus replace-tokens: #{Name}# and #{Name}.
  { name: '#{…}', pattern: /#\{[A-Za-z_][A-Za-z0-9_.:-]{0,100}\}#?/g },
  // Azure Pipelines macro syntax and make: $(Name).
  { name: '$(…)', pattern: /\$\([A-Za-z_][A-Za-z0-9_.]{0,100}\)/g },
  // ERB / EJS: <%= name %>.
  { name: '<%…%>', pattern: /<%=?[^%\n]{1,200}%>/g },
];

/** Tokens of other templating styles ({@link FOREIGN_PLACEHOLDER_STYLES}), in order of first appearance. */
export function findForeignPlaceholders(text: string): string[] {
  const found: { token: string; at: number }[] = [];
  for (const { pattern } of FOREIGN_PLACEHOLDER_STYLES) {
    for (const m of text.matchAll(pattern)) found.push({ token: m[0], at: m.index });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.token))];
}
