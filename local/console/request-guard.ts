import type { IncomingMessage } from 'node:http';

/**
 * What every request to the local console passes before it reaches a route. The console listens on
 * the loopback interface only, but a web page the operator has open in the same browser can still
 * reach it:
 *
 * - **DNS rebinding**: a site whose name is re-pointed at 127.0.0.1 reads the console as "its own"
 *   origin. Its requests carry its own name in `Host`, so only `localhost`, `127.0.0.1` and `[::1]`
 *   with the console's port are served.
 * - **Cross-site requests**: a page on another origin may send a POST (a form, a `no-cors` fetch)
 *   even though it cannot read the answer, and a POST here places calls, starts chats and records
 *   emails. Browsers name the page in `Origin` (and `Sec-Fetch-Site`) on such requests: a
 *   state-changing request must come from the console's own origin. Clients that are not browsers
 *   (curl, tests, the CLI) send no `Origin` and are not affected.
 * - **Simple requests**: the JSON endpoints take `application/json` only (415 otherwise), a content
 *   type that no HTML form can send and that makes a browser ask (CORS preflight) first.
 * - **Hostile URLs**: malformed percent-encoding and oversized ids are answered with 400 and a
 *   message naming the part, before any route or store sees them.
 */

/** Largest path segment (a call or customer id), in bytes after decoding. */
export const MAX_PATH_SEGMENT_BYTES = 256;
/** Largest query parameter value (a search text, a pagination cursor), in bytes after decoding. */
export const MAX_QUERY_VALUE_BYTES = 2048;
/** Query parameters that are ids, held to the path segment limit. */
const ID_PARAMETERS = new Set(['customerId']);

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type GuardResult =
  | { readonly ok: true; readonly url: URL; readonly parts: readonly string[] }
  | { readonly ok: false; readonly status: 400 | 403 | 415; readonly error: string };

/** The hosts the console answers to when it listens on `port`. */
export function allowedHosts(port: number): string[] {
  return LOOPBACK_HOSTS.flatMap((h) => (port === 80 ? [h, `${h}:80`] : [`${h}:${port}`]));
}

/** Whether a POST to this path carries JSON (every API route but the raw email upload, and the agent API). */
function takesJson(parts: readonly string[]): boolean {
  return (parts[0] === 'api' && parts[1] !== 'email') || (parts[0] === 'agent' && parts[1] === 'api');
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const mediaType = value.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json';
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined) return true;
  return length !== undefined && length !== '0';
}

/**
 * Checks `req` against the rules above for a console listening on `port`; on success returns the
 * parsed URL and its decoded path segments, which the routes use instead of decoding again.
 */
export function guardRequest(req: IncomingMessage, port: number): GuardResult {
  const host = req.headers.host?.toLowerCase();
  const hosts = allowedHosts(port);
  if (host === undefined || !hosts.includes(host)) {
    return {
      ok: false,
      status: 403,
      error: `Host: ${JSON.stringify((req.headers.host ?? '').slice(0, 100))} is not this console; open http://${hosts[1] ?? hosts[0]}/`,
    };
  }
  const origin = `http://${host}`;

  let url: URL;
  try {
    url = new URL(req.url ?? '/', origin);
  } catch {
    return { ok: false, status: 400, error: 'URL: not a valid request target' };
  }
  const parts: string[] = [];
  for (const segment of url.pathname.split('/').filter(Boolean)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { ok: false, status: 400, error: `path: "${segment.slice(0, 64)}" is not valid percent-encoding (UTF-8)` };
    }
    if (Buffer.byteLength(decoded) > MAX_PATH_SEGMENT_BYTES) {
      return { ok: false, status: 400, error: `path: a segment is longer than ${MAX_PATH_SEGMENT_BYTES} bytes` };
    }
    parts.push(decoded);
  }
  // URLSearchParams replaces malformed escapes with U+FFFD instead of throwing; catch them here so
  // a search or a cursor is never silently altered.
  for (const pair of url.search.slice(1).split('&').filter(Boolean)) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
      return { ok: false, status: 400, error: `query: "${pair.slice(0, 64)}" is not valid percent-encoding (UTF-8)` };
    }
  }
  for (const [name, value] of url.searchParams) {
    const limit = ID_PARAMETERS.has(name) ? MAX_PATH_SEGMENT_BYTES : MAX_QUERY_VALUE_BYTES;
    if (Buffer.byteLength(value) > limit) {
      return { ok: false, status: 400, error: `${name}: longer than ${limit} bytes` };
    }
  }

  const method = req.method ?? 'GET';
  if (!SAFE_METHODS.has(method)) {
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) {
      return {
        ok: false,
        status: 403,
        error: `Origin: ${JSON.stringify(from.slice(0, 100))} may not change this console's state`,
      };
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      return { ok: false, status: 403, error: 'Sec-Fetch-Site: cross-site requests may not change this console' };
    }
    if (takesJson(parts)) {
      const type = req.headers['content-type'];
      if ((type !== undefined || hasBody(req)) && !isJsonContentType(type)) {
        return {
          ok: false,
          status: 415,
          error: `Content-Type: expected application/json, got ${JSON.stringify((type ?? '').slice(0, 100))}`,
        };
      }
    }
  }
  return { ok: true, url, parts };
}
