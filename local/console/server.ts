import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AgentAppBuild } from '../../agent-app/build';
import type { AgentPrincipal } from '../../lambdas/shared/agent/contract';
import type { CustomerStore } from '../../lambdas/shared/customer-data/customer-store';
import type { Customer, Interaction } from '../../lambdas/shared/customer-data/model';
import type { OneTimeCodeStore } from '../../lambdas/shared/intake/one-time-code';
import { normalizePhone } from '../../lambdas/shared/phone';
import { LocalContactFeed } from '../agent/contact-feed';
import { localAgents } from '../agent/local-agents';
import { contactsJournalPath, type LocalContactRecord } from '../intake/local-contact-channel';
import { IntakeInputError, type LocalChatOptions, requestLocalCode, runLocalChat, runLocalEmail } from '../intake/run';
import { readJsonLines } from '../json-lines';
import { parseInstant } from '../runtime/instant';
import { callerEndpoint, type LocalRuntime } from '../runtime/simulate-call';
import { DEMO_NUMBERS } from '../seed/demo-data';
import { type AgentApi, createAgentAppRoutes } from './agent-routes';
import { CallSessions } from './call-sessions';
import { HttpError, readBody, readJson, send, sendHtml } from './http';
import { renderConsolePage } from './page';
import { guardRequest } from './request-guard';

/**
 * The HTTP console of the local contact center (node:http, no framework, no external assets):
 *
 * | route | does |
 * |---|---|
 * | `GET /` | the console page (inline CSS and JS) |
 * | `GET /voc` | the voice-of-customer report over the local lake (DuckDB), when configured |
 * | `GET /api/info` | numbers to dial, queues, hours, time zone, languages |
 * | `POST /api/calls` `{ from, at?, agentsAvailable?, queuesAtCapacity? }` | dials; returns `{ id }` |
 * | `GET /api/calls/:id?after=N&wait=MS` | trace events after N (long poll), pending input, result |
 * | `POST /api/calls/:id/input` `{ digits }` | keys for the pending input (`null` = input timed out) |
 * | `POST /api/calls/:id/hangup` | the caller hangs up |
 * | `POST /api/chat` `{ name, email?, phone?, message?, locale?, agentsAvailable?, at?, verified?, identityToken?, oneTimeCode? }` | a web chat through the chat flow (claimed unless verified); a queued chat goes to the agent app |
 * | `POST /api/chat/:contactId/end` | the visitor leaves the chat: the agent app's contact ends |
 * | `POST /api/identity/codes` `{ email, locale? }` | a one-time code to the address, written to `<home>/intake/outbox.jsonl` (202) |
 * | `POST /api/email?at=` raw .eml bytes | an email as if SES had received it |
 * | `GET /api/screen-pop?customerId=` | the agent's view of a customer: profile and recent history |
 * | `GET /api/customers?q=&cursor=` | customers, filtered by name, number or email |
 * | `GET /api/customers/:id` | one customer and their interactions (newest first) |
 * | `/agent/…` | the agent app, its agent API and its contact feed (agent-routes.ts) |
 */

export interface ConsoleOptions {
  runtime: LocalRuntime;
  store: CustomerStore;
  /**
   * The local contact center's home: chat and email intake write their journals (contacts, VOC
   * messages, acknowledgements) under it, and dropped emails are kept in `<home>/intake/inbox/`.
   * Without it, `/api/chat` and `/api/email` answer 404.
   */
  home?: string;
  /** The voice-of-customer report page (`GET /voc?lang=&page.<report>=`), when the local VOC lake is available. */
  vocReport?: (query: URLSearchParams) => Promise<string>;
  /** Where one-time codes live (the local table): `POST /api/identity/codes` and chat's `oneTimeCode`. */
  oneTimeCodes?: OneTimeCodeStore;
  /** The agent app at `/agent` (agent-routes.ts). */
  agentApp?: {
    /** The agent API (lambdas/agent-api) over the same store; without it `/agent/api/*` answers 503. */
    api?: AgentApi;
    /** @default the configured agents, or two demo agents (local/agent/local-agents.ts) */
    agents?: readonly AgentPrincipal[];
    /** @default buildAgentApp() */
    build?: () => Promise<AgentAppBuild>;
  };
}

/** Largest email the console accepts (the CLI takes up to SES's 40 MB; a browser drop stays smaller). */
export const MAX_EMAIL_UPLOAD_BYTES = 10 * 1024 * 1024;
const MAX_WAIT_MS = 25_000;

/** An ISO 8601 time; without an offset it is a wall-clock time in the contact center's time zone. */
function parseAt(value: unknown, timeZone: string): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const d = typeof value === 'string' ? parseInstant(value, timeZone) : undefined;
  if (!d) throw new HttpError(400, `at: ${JSON.stringify(value)} is not an ISO 8601 time such as 2026-04-06T20:00`);
  return d;
}

/** A customer as the console shows it: its E.164 phones also as people write them (03-1234-5678). */
export type ShownCustomer = Customer & { phonesNational: string[] };

export function showCustomer(customer: Customer): ShownCustomer {
  return {
    ...customer,
    phonesNational: (customer.phones ?? []).map((p) => parsePhoneNumberFromString(p)?.formatNational() ?? p),
  };
}

export interface ScreenPop {
  customer?: ShownCustomer;
  interactions: Interaction[];
}

async function screenPop(store: CustomerStore, customerId: string | undefined): Promise<ScreenPop> {
  if (!customerId) return { interactions: [] };
  const [customer, history] = await Promise.all([
    store.getCustomer(customerId),
    store.listInteractions({ customerId }, { limit: 5 }),
  ]);
  return { ...(customer && { customer: showCustomer(customer) }), interactions: history.items };
}

/** An intake error names a CLI flag (`--email`); the console's API names the JSON field. */
function intakeError(err: unknown, field?: string): unknown {
  if (!(err instanceof IntakeInputError)) return err;
  const message = field ? `${field}: ${err.message.replace(/^--\w+: /, '')}` : err.message;
  return new HttpError(400, message.replace(/--(\w+)/g, '$1'));
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `${field}: expected a string`);
  return value;
}

/** The attributes a chat was started with (the local channel's journal), for the agent's card. */
function chatAttributes(home: string, contactId: string): Record<string, string> {
  const record = readJsonLines<LocalContactRecord>(contactsJournalPath(home))
    .reverse()
    .find((r) => r.type === 'CHAT' && r.contactId === contactId);
  return { ...record?.attributes };
}

export interface ConsoleServer {
  server: Server;
  sessions: CallSessions;
  /** The contacts handed to the agent app (`GET /agent/local/contacts`). */
  agentContacts: LocalContactFeed;
}

export function createConsoleServer(options: ConsoleOptions): ConsoleServer {
  const { runtime, store } = options;
  const cc = runtime.contactCenter;
  const agentContacts = new LocalContactFeed();
  const sessions = new CallSessions(runtime, { store, agentContacts });
  const agentRoutes = createAgentAppRoutes({
    agents: options.agentApp?.agents ?? localAgents(cc.config),
    timeZone: cc.config.timeZone,
    feed: agentContacts,
    ...(options.agentApp?.api && { api: options.agentApp.api }),
    ...(options.agentApp?.build && { build: options.agentApp.build }),
  });
  const page = renderConsolePage();

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, parts: readonly string[]): Promise<void> {
    const method = req.method ?? 'GET';

    if (method === 'GET' && url.pathname === '/') return sendHtml(res, page);
    if (method === 'GET' && url.pathname === '/voc') {
      if (!options.vocReport) throw new HttpError(404, 'no VOC report in this console');
      return sendHtml(res, await options.vocReport(url.searchParams));
    }
    if (method === 'GET' && url.pathname === '/favicon.ico') {
      // No icon: say so without an error, which browsers would log on every page of the console and the app.
      res.writeHead(204, { 'cache-control': 'public, max-age=86400' });
      res.end();
      return;
    }
    if (parts[0] === 'agent') return agentRoutes.handle(req, res, url, parts);
    if (parts[0] !== 'api') throw new HttpError(404, `no page at ${url.pathname}`);

    if (method === 'GET' && parts[1] === 'info' && parts.length === 2) {
      return send(res, 200, {
        numbers: DEMO_NUMBERS,
        timeZone: cc.config.timeZone,
        defaultCountry: cc.config.defaultCountry,
        languages: cc.config.languages,
        queues: cc.config.queues.map((q) => ({ name: q.name, hours: q.hours, maxContacts: q.maxContacts })),
        hoursOfOperation: cc.config.hoursOfOperation,
        flows: Object.values(cc.flows).map((f) => ({ name: f.name, type: f.type })),
        vocReport: options.vocReport !== undefined,
        now: new Date().toISOString(),
      });
    }

    if (parts[1] === 'calls') {
      if (method === 'POST' && parts.length === 2) {
        const body = await readJson(req);
        const from = body.from;
        if (from !== null && typeof from !== 'string') throw new HttpError(400, 'from: expected a string or null');
        const agents = body.agentsAvailable;
        if (agents !== undefined && (typeof agents !== 'number' || !Number.isInteger(agents) || agents < 0)) {
          throw new HttpError(400, 'agentsAvailable: expected a whole number ≥ 0');
        }
        const full = body.queuesAtCapacity;
        if (full !== undefined && (!Array.isArray(full) || full.some((q) => typeof q !== 'string'))) {
          throw new HttpError(400, 'queuesAtCapacity: expected an array of queue names');
        }
        for (const q of (full as string[] | undefined) ?? []) {
          if (!(q in cc.queueArns)) throw new HttpError(400, `queuesAtCapacity: unknown queue "${q}"`);
        }
        const at = parseAt(body.at, cc.config.timeZone);
        // Reject a bad number now rather than in the middle of the call.
        try {
          callerEndpoint(from, cc.config.defaultCountry);
        } catch (err) {
          throw new HttpError(400, (err as Error).message.replace(/^--from/, 'from'));
        }
        const id = sessions.start({
          from,
          ...(at && { at }),
          ...(agents !== undefined && { agentsAvailable: agents as number }),
          ...(full !== undefined && { queuesAtCapacity: full as string[] }),
        });
        return send(res, 201, { id });
      }
      const id = parts[2];
      if (!id || !sessions.has(id)) throw new HttpError(404, `no call ${id ?? ''}`);
      if (method === 'GET' && parts.length === 3) {
        const after = Math.max(0, Number(url.searchParams.get('after') ?? 0) || 0);
        const wait = Math.min(MAX_WAIT_MS, Math.max(0, Number(url.searchParams.get('wait') ?? 0) || 0));
        const view = await sessions.view(id, after, wait);
        if (!view) throw new HttpError(404, `no call ${id}`);
        return send(res, 200, view);
      }
      if (method === 'POST' && parts[3] === 'input' && parts.length === 4) {
        const body = await readJson(req);
        const digits = body.digits;
        if (digits !== null && (typeof digits !== 'string' || !/^[0-9*#]*$/.test(digits))) {
          throw new HttpError(400, 'digits: expected keypad keys 0-9, * and # (or null for no input)');
        }
        if (!sessions.answer(id, digits === null ? undefined : digits)) {
          throw new HttpError(409, 'the IVR is not waiting for keys');
        }
        return send(res, 200, { accepted: true });
      }
      if (method === 'POST' && parts[3] === 'hangup' && parts.length === 4) {
        return send(res, 200, { hungUp: sessions.hangUp(id) });
      }
    }

    if (method === 'POST' && parts[1] === 'identity' && parts[2] === 'codes' && parts.length === 3) {
      if (!options.home || !options.oneTimeCodes) throw new HttpError(404, 'no one-time codes in this console');
      const body = await readJson(req);
      const email = optionalString(body, 'email');
      if (email === undefined) throw new HttpError(400, 'email: required');
      const locale = optionalString(body, 'locale');
      const sent = await requestLocalCode(
        { home: options.home, oneTimeCodes: options.oneTimeCodes },
        { email, ...(locale !== undefined ? { locale } : {}) },
      ).catch((err) => {
        throw intakeError(err);
      });
      // As POST /identity/codes: the same answer whatever the address; locally the code is in the outbox.
      return send(res, 202, { accepted: true, outbox: sent.outbox });
    }

    if (method === 'POST' && parts[1] === 'chat' && parts[3] === 'end' && parts.length === 4) {
      return send(res, 200, { ended: agentContacts.ended(parts[2]!) });
    }

    if (method === 'POST' && (parts[1] === 'chat' || parts[1] === 'email') && parts.length === 2) {
      const home = options.home;
      if (!home) throw new HttpError(404, `no ${parts[1]} intake in this console`);
      const config = cc.config;
      // The instance built at start: no flow files read again per request.
      const intake = {
        store,
        home,
        config,
        contactCenter: cc,
        ...(options.oneTimeCodes ? { oneTimeCodes: options.oneTimeCodes } : {}),
      };
      if (parts[1] === 'chat') {
        const body = await readJson(req);
        const agents = body.agentsAvailable;
        if (agents !== undefined && (typeof agents !== 'number' || !Number.isInteger(agents) || agents < 0)) {
          throw new HttpError(400, 'agentsAvailable: expected a whole number ≥ 0');
        }
        const name = body.name;
        if (typeof name !== 'string' || name.trim() === '') throw new HttpError(400, 'name: required');
        const at = parseAt(body.at, config.timeZone);
        const chat: LocalChatOptions = { name };
        for (const field of ['email', 'phone', 'message', 'locale', 'identityToken', 'oneTimeCode'] as const) {
          const value = optionalString(body, field);
          if (value !== undefined) chat[field] = value;
        }
        // The console may play the embedding website and vouch for what was typed (identity token).
        if (body.verified !== undefined && typeof body.verified !== 'boolean') {
          throw new HttpError(400, 'verified: expected true or false');
        }
        if (body.verified === true) chat.verified = true;
        if (agents !== undefined) chat.agentsAvailable = agents as number;
        const out = await runLocalChat({ ...intake, ...(at && { now: () => at }) }, chat).catch((err) => {
          throw intakeError(err);
        });
        if (out.outcome.type === 'queued' && !out.duplicate) {
          const phone = chat.phone === undefined ? undefined : normalizePhone(chat.phone, config.defaultCountry);
          const endpoint = chat.email ?? (phone?.ok ? phone.e164 : undefined);
          agentContacts.connected({
            contactId: out.contactId,
            channel: 'CHAT',
            ...(out.outcome.queue !== undefined && { queue: out.outcome.queue }),
            attributes: chatAttributes(home, out.contactId),
            ...(endpoint !== undefined && { customerEndpoint: endpoint }),
            connectedAt: (at ?? new Date()).toISOString(),
          });
        }
        return send(res, 200, out);
      }
      const at = parseAt(url.searchParams.get('at'), config.timeZone);
      const raw = await readBody(req, MAX_EMAIL_UPLOAD_BYTES);
      if (raw.length === 0) throw new HttpError(400, 'email: empty body; expected the raw message (.eml)');
      // A header field name (printable, no space or colon), possibly after an mbox "From " line.
      if (!/^(From [^\n]*\n)?[!-9;-~]+:/.test(raw.subarray(0, 2000).toString('latin1'))) {
        throw new HttpError(400, 'email: not an RFC 5322 message (.eml): it does not start with a header line');
      }
      // Kept as SES keeps received mail; named by content, so dropping the same file twice is one message.
      const inbox = path.join(home, 'intake', 'inbox');
      mkdirSync(inbox, { recursive: true });
      const file = path.join(inbox, `${createHash('sha256').update(raw).digest('hex').slice(0, 32)}.eml`);
      writeFileSync(file, raw);
      const out = await runLocalEmail({ ...intake, ...(at && { now: () => at }) }, file).catch((err) => {
        throw intakeError(err, 'email');
      });
      return send(res, 200, out);
    }

    if (method === 'GET' && parts[1] === 'screen-pop' && parts.length === 2) {
      const id = url.searchParams.get('customerId') ?? undefined;
      return send(res, 200, await screenPop(store, id || undefined));
    }

    if (method === 'GET' && parts[1] === 'customers') {
      if (parts.length === 2) {
        const q = url.searchParams.get('q')?.trim();
        const cursor = url.searchParams.get('cursor') ?? undefined;
        const page = await store.listCustomers({
          limit: 20,
          ...(q && { query: q }),
          ...(cursor && { cursor }),
        });
        return send(res, 200, { ...page, items: page.items.map(showCustomer) });
      }
      if (parts.length === 3) {
        const customer = await store.getCustomer(parts[2]!);
        if (!customer) throw new HttpError(404, `no customer ${parts[2]}`);
        const history = await store.listInteractions({ customerId: customer.customerId }, { limit: 20 });
        return send(res, 200, {
          customer: showCustomer(customer),
          interactions: history.items,
          cursor: history.cursor,
        });
      }
    }
    throw new HttpError(404, `no route ${method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    // Host, Origin, content type and URL checks (request-guard.ts) before any route runs.
    const guard = guardRequest(req, req.socket.localPort ?? 0);
    if (!guard.ok) {
      req.resume();
      return send(res, guard.status, { error: guard.error });
    }
    route(req, res, guard.url, guard.parts).catch((err: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err instanceof HttpError) return send(res, err.status, { error: err.message });
      const name = (err as Error).name;
      if (name === 'CustomerStoreInputError') return send(res, 400, { error: (err as Error).message });
      console.error(`console: ${req.method} ${req.url}:`, err);
      send(res, 500, { error: 'internal error (see the server log)' });
    });
  });
  server.on('close', () => {
    sessions.closeAll();
    agentContacts.close();
  });
  return { server, sessions, agentContacts };
}

/** Listens on 127.0.0.1:`port` (0 = a free port); resolves with the bound port. */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
