import { randomUUID } from 'node:crypto';
import type { AgentContact } from '../../agent-app/src/contact/contact-provider';
import type { CustomerStore, InteractionOwner } from '../../lambdas/shared/customer-data/customer-store';
import type { ContactOutcome, InputRequest, TraceEvent } from '../interpreter/types';
import { recordSimulatedCall } from '../runtime/contact-trace-record';
import type { QueueState } from '../runtime/environment';
import { type CallJson, callerEndpoint, type LocalRuntime, simulateCall, toCallJson } from '../runtime/simulate-call';

/**
 * Interactive calls of the console. A call runs in the server through the interpreter; its trace events
 * are buffered for the browser (long polling), and each GetParticipantInput waits for the browser's
 * keys (or for the browser to report the input timeout after the prompt has been spoken). When the call
 * ends (or the caller hangs up) its contact trace record goes through the ctr-processor's code into the
 * customer's history, before the call is reported done, so the screen pop already shows it.
 *
 * A call that reaches an agent (the queue answers it, or the flows leave it waiting in a queue, where the
 * local agent picks it up) is reported to the agent app's contact feed as `connected`, with the contact
 * attributes the IVR had set by then; the caller is then talking to the agent until they hang up on the
 * console (`ended`), even though the flows are done.
 */

/** Where calls that reach an agent are reported (local/agent/contact-feed.ts). */
export interface AgentContactSink {
  connected(contact: AgentContact): boolean;
  ended(contactId: string): boolean;
  isConnected(contactId: string): boolean;
}

export type ConsoleEvent =
  | TraceEvent
  | { type: 'waiting'; request: InputRequest }
  | { type: 'failed'; message: string }
  | { type: 'hangup' }
  | {
      type: 'recorded';
      contactId: string;
      result: 'recorded' | 'updated' | 'skipped' | 'failed';
      owner?: InteractionOwner;
      reason?: string;
    };

export interface CallStart {
  from: string | null;
  at?: Date;
  agentsAvailable?: number;
  queuesAtCapacity?: string[];
  queues?: Record<string, QueueState>;
}

export interface CallView {
  id: string;
  from: string | null;
  events: ConsoleEvent[];
  next: number;
  waiting: InputRequest | null;
  done: boolean;
  result?: CallJson;
  /** The caller is talking to an agent (the agent app has the contact): hanging up ends it. */
  withAgent: boolean;
}

/** The IVR waits at most this long for a browser that never answers (a closed tab). */
const ABANDONED_INPUT_MS = 5 * 60 * 1000;
/** Finished calls are kept this long for late pollers. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;

class CallHungUp extends Error {
  constructor() {
    super('the caller hung up');
    this.name = 'CallHungUp';
  }
}

interface Session {
  id: string;
  from: string | null;
  events: ConsoleEvent[];
  waiting: InputRequest | null;
  answer?: (value: string | undefined) => void;
  reject?: (err: Error) => void;
  abandonTimer?: NodeJS.Timeout;
  done: boolean;
  result?: CallJson;
  listeners: Set<() => void>;
  hungUp: boolean;
}

export class CallSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly options: {
      /** Where ended calls are recorded (the local customer store); without it they are not. */
      store?: CustomerStore;
      /** Where calls that reach an agent are reported (the agent app's feed); without it they are not. */
      agentContacts?: AgentContactSink;
    } = {},
  ) {}

  /** Records the call's CTR; never fails the call (a failure is reported as an event). */
  private async record(
    session: Session,
    push: (event: ConsoleEvent) => void,
    call: { initiatedAt: Date; startedMs: number; outcome?: ContactOutcome; attributes?: Record<string, string> },
  ): Promise<void> {
    const store = this.options.store;
    if (!store) return;
    const events = session.events.filter(
      (e): e is TraceEvent =>
        e.type !== 'waiting' && e.type !== 'failed' && e.type !== 'hangup' && e.type !== 'recorded',
    );
    try {
      const { outcome } = await recordSimulatedCall(
        { store, contactCenter: this.runtime.contactCenter },
        {
          contactId: session.id,
          from: session.from,
          initiatedAt: call.initiatedAt,
          disconnectedAt: new Date(call.initiatedAt.getTime() + (Date.now() - call.startedMs)),
          events,
          ...(call.outcome && { outcome: call.outcome }),
          ...(call.attributes && { attributes: call.attributes }),
        },
      );
      push(
        outcome.result === 'skipped'
          ? { type: 'recorded', contactId: session.id, result: 'skipped', reason: outcome.reason }
          : { type: 'recorded', contactId: session.id, result: outcome.result, owner: outcome.owner },
      );
    } catch (err) {
      console.error(`console: recording call ${session.id}:`, err);
      push({ type: 'recorded', contactId: session.id, result: 'failed', reason: (err as Error).message });
    }
  }

  start(call: CallStart): string {
    const id = randomUUID();
    const session: Session = {
      id,
      from: call.from,
      events: [],
      waiting: null,
      done: false,
      listeners: new Set(),
      hungUp: false,
    };
    this.sessions.set(id, session);
    const initiatedAt = call.at ?? new Date();
    const startedMs = Date.now();
    // The contact attributes as the IVR sets them, for the agent's card at the moment the call connects.
    const attributes: Record<string, string> = {};
    const connect = (queue: string | undefined, at: Record<string, string>) => {
      const feed = this.options.agentContacts;
      if (!feed || session.hungUp) return;
      const endpoint = callerEndpoint(call.from, this.runtime.contactCenter.config.defaultCountry)?.Address;
      feed.connected({
        contactId: id,
        channel: 'VOICE',
        ...(queue !== undefined && { queue }),
        attributes: { ...at },
        // A withheld marker (anonymous, 非通知) is no address to show or search by.
        ...(endpoint?.startsWith('+') && { customerEndpoint: endpoint }),
        // On the call's own clock, which the console may have set to another day (`at`).
        connectedAt: new Date(initiatedAt.getTime() + (Date.now() - startedMs)).toISOString(),
      });
    };
    const push = (event: ConsoleEvent) => {
      session.events.push(event);
      if (event.type === 'attributes') Object.assign(attributes, event.changed);
      if (event.type === 'queue' && event.event === 'answered') connect(event.queue, attributes);
      for (const l of [...session.listeners]) l();
    };
    const input = (request: InputRequest) =>
      new Promise<string | undefined>((resolve, reject) => {
        if (session.hungUp) {
          reject(new CallHungUp());
          return;
        }
        session.waiting = request;
        const settle = () => {
          session.waiting = null;
          session.answer = undefined;
          session.reject = undefined;
          clearTimeout(session.abandonTimer);
        };
        session.answer = (value) => {
          settle();
          resolve(value);
        };
        session.reject = (err) => {
          settle();
          reject(err);
        };
        session.abandonTimer = setTimeout(() => session.answer?.(undefined), ABANDONED_INPUT_MS);
        push({ type: 'waiting', request });
      });
    simulateCall(this.runtime, {
      from: call.from,
      contactId: id,
      input,
      onEvent: push,
      at: initiatedAt,
      ...(call.agentsAvailable !== undefined && { agentsAvailable: call.agentsAvailable }),
      ...(call.queuesAtCapacity && { queuesAtCapacity: call.queuesAtCapacity }),
      ...(call.queues && { queues: call.queues }),
    })
      .then(async (result) => {
        // Left waiting in a queue (no agent free in the simulation): the local agent takes it now.
        if (result.outcome.type === 'queued') connect(result.outcome.queue, result.attributes);
        await this.record(session, push, {
          initiatedAt,
          startedMs,
          outcome: result.outcome,
          attributes: result.attributes,
        });
        session.result = toCallJson(result);
        if (session.hungUp) push({ type: 'hangup' });
      })
      .catch(async (err: Error) => {
        if (!session.hungUp) {
          // A failure of the simulation itself (not of the flow): no contact to record.
          push({ type: 'failed', message: err.message });
          return;
        }
        await this.record(session, push, { initiatedAt, startedMs });
        // Hung up while the agent whisper played: the agent had the contact for a moment.
        this.options.agentContacts?.ended(id);
        push({ type: 'hangup' });
      })
      .finally(() => {
        session.done = true;
        session.waiting = null;
        for (const l of [...session.listeners]) l();
        // Kept while the caller talks to the agent (so the console can still hang up), then for late pollers.
        const forget = () => {
          if (this.options.agentContacts?.isConnected(id)) setTimeout(forget, KEEP_FINISHED_MS).unref();
          else this.sessions.delete(id);
        };
        setTimeout(forget, KEEP_FINISHED_MS).unref();
      });
    return id;
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Keys for the pending input; `undefined` = the caller let the input time out. */
  answer(id: string, digits: string | undefined): boolean {
    const s = this.sessions.get(id);
    if (!s?.answer) return false;
    s.answer(digits);
    return true;
  }

  hangUp(id: string): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    // The flows are done but the caller is still talking to the agent: hanging up ends that.
    if (s.done) return this.options.agentContacts?.ended(id) ?? false;
    s.hungUp = true;
    s.reject?.(new CallHungUp());
    return true;
  }

  /** Events after `after`; waits up to `waitMs` for new ones (long polling). */
  async view(id: string, after: number, waitMs: number): Promise<CallView | undefined> {
    const s = this.sessions.get(id);
    if (!s) return undefined;
    if (s.events.length <= after && !s.done && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          s.listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        s.listeners.add(done);
      });
    }
    return {
      id: s.id,
      from: s.from,
      events: s.events.slice(after),
      next: s.events.length,
      waiting: s.waiting,
      done: s.done,
      ...(s.result && { result: s.result }),
      withAgent: this.options.agentContacts?.isConnected(s.id) ?? false,
    };
  }

  /** Hangs up every call still running (server shutdown). */
  closeAll(): void {
    for (const s of this.sessions.values()) {
      if (!s.done) this.hangUp(s.id);
      clearTimeout(s.abandonTimer);
      for (const l of [...s.listeners]) l();
    }
  }
}
