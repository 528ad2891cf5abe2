import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { type AgentAppBuild, buildAgentApp } from '../../agent-app/build';
import { agentAppContentSecurityPolicy } from '../../agent-app/content-security-policy';
import type { AgentAppRuntimeConfig } from '../../agent-app/src/runtime-config';
import type { AgentPrincipal } from '../../lambdas/shared/agent/contract';
import type { LocalContactFeed } from '../agent/contact-feed';
import { LOCAL_AGENT_HEADER, localPrincipal } from '../agent/local-agents';
import { HttpError, readJsonValue, send } from './http';

/**
 * The agent app on the local console, the same build and the same API code as on AWS:
 *
 * | route | does |
 * |---|---|
 * | `GET /agent` | redirects to `/agent/` (relative asset URLs resolve under it) |
 * | `GET /agent/`, `/agent/signed-in.html`, `/agent/assets/*` | the app, built once with esbuild (agent-app/build.ts) on the first request and kept in memory |
 * | `GET /agent/config.json` | {@link AgentAppRuntimeConfig}: API base, time zone, `contactSource: 'local'`, the local agents to pick from |
 * | `* /agent/api/*` | the agent API (lambdas/agent-api's router), as the agent named by `X-Local-Agent` |
 * | `GET /agent/local/contacts?after=N&wait=MS` | the contacts the console's calls and chats hand to an agent (long poll), for a local agent (`X-Local-Agent`) |
 *
 * Security headers as CloudFront sends them: the app's Content-Security-Policy (framed by the console's
 * own origin only) and `X-Content-Type-Options: nosniff`. `X-Local-Agent` is no password (the console is
 * loopback-only, see request-guard.ts); being a custom header it also keeps other sites' pages out, as
 * a browser would first ask (CORS preflight) and the console answers no such question.
 */

/** The agent API as lambdas/agent-api/router.ts exposes it, one request at a time. */
export interface AgentApiRequest {
  method: string;
  /** Relative to the API base, still percent-encoded as in the URL (as API Gateway's `rawPath`), e.g. `/customers/C-1001/timeline`. */
  path: string;
  query: Record<string, string>;
  body?: unknown;
  /** The signed-in agent; `undefined` = nobody (the API answers 401). */
  principal: AgentPrincipal | undefined;
}
export type AgentApi = (request: AgentApiRequest) => Promise<{ status: number; body?: unknown }>;

export interface AgentAppRoutesOptions {
  /** Who may sign in (local/agent/local-agents.ts). */
  agents: readonly AgentPrincipal[];
  timeZone: string;
  feed: LocalContactFeed;
  /** Without it `/agent/api/*` answers 503 (a console started without a store). */
  api?: AgentApi;
  /** @default buildAgentApp() */
  build?: () => Promise<AgentAppBuild>;
}

export const AGENT_API_BASE = '/agent/api';
/** Longest wait of a contact feed poll (as the call poll's). */
const MAX_WAIT_MS = 25_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

interface ServedFile {
  contents: Buffer;
  type: string;
  etag: string;
}

interface BuiltApp {
  files: Map<string, ServedFile>;
  /** How long the build took (ms): every page says it in `Server-Timing` (DevTools → Network → Timing). */
  buildMs: number;
}

export interface AgentAppRoutes {
  handle(req: IncomingMessage, res: ServerResponse, url: URL, parts: readonly string[]): Promise<void>;
}

export function createAgentAppRoutes(options: AgentAppRoutesOptions): AgentAppRoutes {
  const csp = agentAppContentSecurityPolicy({ frameAncestors: ["'self'"] });
  const securityHeaders = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' };
  let built: Promise<BuiltApp> | undefined;

  /** The build, started by the first request that needs it; a failed build is tried again next time. */
  function app(): Promise<BuiltApp> {
    built ??= (async () => {
      const started = performance.now();
      const b = await (options.build ?? buildAgentApp)();
      const buildMs = Math.round(performance.now() - started);
      const files = new Map<string, ServedFile>();
      for (const f of b.files) {
        const contents = Buffer.from(f.contents);
        files.set(f.path, {
          contents,
          type: CONTENT_TYPES[path.extname(f.path)] ?? 'application/octet-stream',
          etag: `"${createHash('sha256').update(contents).digest('base64url').slice(0, 22)}"`,
        });
      }
      return { files, buildMs };
    })().catch((err: unknown) => {
      built = undefined;
      console.error('console: building the agent app failed:', err);
      throw new HttpError(500, 'agent app: the build failed (see the server log)');
    });
    return built;
  }

  const runtimeConfig: AgentAppRuntimeConfig = {
    apiBase: AGENT_API_BASE,
    timeZone: options.timeZone,
    defaultLocale: 'ja-JP',
    contactSource: 'local',
    auth: { mode: 'local', agents: options.agents.map((a) => ({ ...a })) },
  };

  async function serveFile(req: IncomingMessage, res: ServerResponse, rel: string): Promise<void> {
    const { files, buildMs } = await app();
    const file = files.get(rel);
    if (!file) throw new HttpError(404, `no page at /agent/${rel}`);
    const headers: Record<string, string | number> = {
      ...securityHeaders,
      'content-type': file.type,
      etag: file.etag,
      // Assets are named by their content: cached for good. Pages are checked every time (a rebuild
      // after a restart must be picked up), and answered 304 when unchanged.
      'cache-control': rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(rel.endsWith('.html') && { 'server-timing': `build;dur=${buildMs};desc="agent app build (once)"` }),
    };
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': file.contents.length });
    res.end(req.method === 'HEAD' ? undefined : file.contents);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!options.api) throw new HttpError(503, 'agent API: not available in this console (no customer store)');
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readJsonValue(req);
    const answer = await options.api({
      method,
      path: url.pathname.slice(AGENT_API_BASE.length) || '/',
      query: Object.fromEntries(url.searchParams),
      ...(body !== undefined && { body }),
      principal: localPrincipal(options.agents, req.headers[LOCAL_AGENT_HEADER]),
    });
    if (answer.status === 204 || answer.body === undefined) {
      res.writeHead(answer.status, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end();
      return;
    }
    send(res, answer.status, answer.body);
  }

  async function contacts(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // The contacts carry customers' names and numbers: for a signed-in agent only, as the API.
    if (!localPrincipal(options.agents, req.headers[LOCAL_AGENT_HEADER])) {
      return send(res, 401, { error: 'Unauthorized', message: 'Sign in as an agent to receive contacts.' });
    }
    const afterText = url.searchParams.get('after') ?? '0';
    if (!/^\d{1,15}$/.test(afterText))
      throw new HttpError(400, 'after: expected a whole number ≥ 0 (the `next` of the last answer)');
    const waitText = url.searchParams.get('wait') ?? '0';
    if (!/^\d{1,15}$/.test(waitText)) throw new HttpError(400, `wait: expected milliseconds (0–${MAX_WAIT_MS})`);
    const wait = Math.min(MAX_WAIT_MS, Number(waitText));
    send(res, 200, await options.feed.read(Number(afterText), wait));
  }

  return {
    async handle(req, res, url, parts) {
      const method = req.method ?? 'GET';
      if (parts[1] === 'api') return api(req, res, url);
      const read = method === 'GET' || method === 'HEAD';
      if (!read) throw new HttpError(405, `${method} ${url.pathname}: the agent app's pages are read-only`);
      if (parts.length === 1 && !url.pathname.endsWith('/')) {
        // The app's URLs are relative (./assets/…): they need the trailing slash.
        res.writeHead(308, { location: `/agent/${url.search}`, 'cache-control': 'no-store' });
        res.end();
        return;
      }
      if (parts[1] === 'config.json' && parts.length === 2) {
        return send(res, 200, runtimeConfig, securityHeaders);
      }
      if (parts[1] === 'local' && parts[2] === 'contacts' && parts.length === 3) return contacts(req, res, url);
      const rel = parts.length === 1 ? 'index.html' : parts.slice(1).join('/');
      return serveFile(req, res, rel);
    },
  };
}
