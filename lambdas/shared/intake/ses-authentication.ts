/**
 * What SES itself says about a received message, read from the raw bytes SES stored in S3, and never
 * from a header the sender could have written (docs/intake.md, "What SES adds to a received message").
 *
 * SES PREPENDS its headers, in this order, above the sender's own:
 *
 *   Return-Path, Received (…by inbound-smtp.<region>.amazonaws.com…), X-SES-Spam-Verdict,
 *   X-SES-Virus-Verdict, Received-SPF, Authentication-Results: amazonses.com; spf=…; dkim=…; dmarc=…,
 *   X-SES-RECEIPT, X-SES-DKIM-SIGNATURE
 *
 * A sender can put headers of the same names anywhere BELOW them. So only the leading run of these
 * names, each at most once, is SES's block; the first repeated or other name is the sender's. The
 * Authentication-Results must sit in that block before X-SES-RECEIPT (SES's order): one the sender
 * wrote comes after SES's X-SES-RECEIPT, or repeats a name, and is never read.
 */

/** Header fields of the top-level header block, in order: names lower-cased, values unfolded. */
export type HeaderFields = ReadonlyArray<readonly [name: string, value: string]>;

/** SES scan verdict (PASS, FAIL, GRAY, PROCESSING_FAILED), or absent when scanning was off. */
export type ScanVerdict = string;

export interface SesAuthentication {
  /** SES's spam verdict (from its own block). */
  spamVerdict?: ScanVerdict;
  virusVerdict?: ScanVerdict;
  /** Why the message must not reach an agent: SES's FAIL, a FAIL anywhere, or a verdict header given twice. */
  rejectedAs?: 'spam' | 'virus';
  /** True when SES's DMARC (or aligned DKIM) verdict passed for the domain of the one From address. */
  fromVerified: boolean;
  /** Why the From address is not verified (for the agent and the log). */
  unverifiedBecause?: string;
  /** SES's Authentication-Results as it stood, when SES's block had one. */
  authenticationResults?: string;
}

/** The names SES prepends (lower case), each at most once in its block. */
const SES_PREPENDED = new Set([
  'return-path',
  'received',
  'x-ses-spam-verdict',
  'x-ses-virus-verdict',
  'received-spf',
  'authentication-results',
  'x-ses-receipt',
  'x-ses-dkim-signature',
]);

/** SES's authserv-id in Authentication-Results. */
const SES_AUTHSERV_ID = 'amazonses.com';

/** The leading run of SES's header names, each once: SES's own block. */
export function sesBlock(fields: HeaderFields): HeaderFields {
  const seen = new Set<string>();
  const block: Array<readonly [string, string]> = [];
  for (const field of fields) {
    const [name] = field;
    if (!SES_PREPENDED.has(name) || seen.has(name)) break;
    seen.add(name);
    block.push(field);
  }
  return block;
}

/** Removes RFC 5322 comments (nested parentheses) outside quoted strings; quoted strings are kept. */
export function stripComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') {
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

interface MethodResult {
  result: string;
  properties: Record<string, string>;
}

/**
 * Authentication-Results → `{ authservId, methods }`. A method given twice is ambiguous and left out
 * (`dmarc=fail; dmarc=pass` must not read as pass); properties belong to the segment of their method.
 */
export function parseAuthenticationResults(value: string): {
  authservId: string;
  methods: Map<string, MethodResult>;
} {
  const segments = stripComments(value)
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const authservId = (segments.shift() ?? '').split(/\s+/)[0]!.toLowerCase();
  const methods = new Map<string, MethodResult>();
  const ambiguous = new Set<string>();
  for (const segment of segments) {
    const [first, ...rest] = segment.split(/\s+/);
    const match = /^([a-z0-9-]+)=([a-z0-9-]+)$/i.exec(first ?? '');
    if (!match) continue;
    const method = match[1]!.toLowerCase();
    if (!['spf', 'dkim', 'dmarc'].includes(method)) continue;
    if (methods.has(method)) ambiguous.add(method);
    const properties: Record<string, string> = {};
    for (const token of rest) {
      const eq = token.indexOf('=');
      if (eq > 0) properties[token.slice(0, eq).toLowerCase()] = token.slice(eq + 1).replace(/^"|"$/g, '');
    }
    methods.set(method, { result: match[2]!.toLowerCase(), properties });
  }
  for (const method of ambiguous) methods.delete(method);
  return { authservId, methods };
}

function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  const domain = (at >= 0 ? value.slice(at + 1) : value).trim().toLowerCase().replace(/\.$/, '');
  return domain.length > 0 ? domain : undefined;
}

/**
 * SES's verdicts on a message. `fields` are the top-level header fields in order; `fromAddresses` the
 * addresses of its From header(s) as the parser read them.
 */
export function sesAuthentication(fields: HeaderFields, fromAddresses: readonly string[]): SesAuthentication {
  const block = sesBlock(fields);
  const inBlock = (name: string) => block.find(([n]) => n === name)?.[1].trim();
  const everywhere = (name: string) => fields.filter(([n]) => n === name).map(([, v]) => v.trim().toUpperCase());
  const out: SesAuthentication = { fromVerified: false };
  const spam = inBlock('x-ses-spam-verdict');
  const virus = inBlock('x-ses-virus-verdict');
  if (spam !== undefined) out.spamVerdict = spam.toUpperCase();
  if (virus !== undefined) out.virusVerdict = virus.toUpperCase();
  // A second verdict header is somebody's attempt to overrule SES: fail, whatever either says.
  const virusAll = everywhere('x-ses-virus-verdict');
  const spamAll = everywhere('x-ses-spam-verdict');
  if (virusAll.length > 1 || virusAll.includes('FAIL')) out.rejectedAs = 'virus';
  else if (spamAll.length > 1 || spamAll.includes('FAIL')) out.rejectedAs = 'spam';

  const names = block.map(([n]) => n);
  const arIndex = names.indexOf('authentication-results');
  const receiptIndex = names.indexOf('x-ses-receipt');
  if (arIndex < 0 || receiptIndex < arIndex) {
    out.unverifiedBecause = 'no Authentication-Results from SES (the message did not come through SES receiving)';
    return out;
  }
  const authenticationResults = block[arIndex]![1];
  out.authenticationResults = authenticationResults;
  const { authservId, methods } = parseAuthenticationResults(authenticationResults);
  if (authservId !== SES_AUTHSERV_ID) {
    out.unverifiedBecause = `Authentication-Results is from ${authservId || 'nobody'}, not ${SES_AUTHSERV_ID}`;
    return out;
  }
  const fromFields = fields.filter(([n]) => n === 'from').length;
  if (fromFields !== 1 || fromAddresses.length !== 1) {
    out.unverifiedBecause = 'the message must have exactly one From address';
    return out;
  }
  const fromDomain = domainOf(fromAddresses[0]);
  const dmarc = methods.get('dmarc');
  const dkim = methods.get('dkim');
  if (dmarc?.result === 'pass' && domainOf(dmarc.properties['header.from']) === fromDomain) {
    out.fromVerified = true;
    return out;
  }
  // No DMARC policy published (none) is not a failure: a DKIM signature of the From domain itself verifies it.
  const dkimDomain = domainOf(dkim?.properties['header.d'] ?? dkim?.properties['header.i']);
  if (dmarc?.result !== 'fail' && dkim?.result === 'pass' && dkimDomain === fromDomain) {
    out.fromVerified = true;
    return out;
  }
  out.unverifiedBecause = `SES did not authenticate ${fromDomain ?? 'the From domain'} (dmarc=${dmarc?.result ?? 'none'}, dkim=${dkim?.result ?? 'none'})`;
  return out;
}
