import { randomUUID } from 'node:crypto';
import type { InputRequest, TraceEvent } from '../interpreter/types';
import type { QueueState } from '../runtime/environment';
import { type CallJson, type LocalRuntime, simulateCall, toCallJson } from '../runtime/simulate-call';

/**
 * Interactive calls of the console. A call runs in the server through the interpreter; its trace events
 * are buffered for the browser (long polling), and each GetParticipantInput waits for the browser's
 * keys (or for the browser to report the input timeout after the prompt has been spoken).
 */

export type ConsoleEvent =
  | TraceEvent
  | { type: 'waiting'; request: InputRequest }
  | { type: 'failed'; message: string }
  | { type: 'hangup' };

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

  constructor(private readonly runtime: LocalRuntime) {}

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
    const push = (event: ConsoleEvent) => {
      session.events.push(event);
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
      ...(call.at && { at: call.at }),
      ...(call.agentsAvailable !== undefined && { agentsAvailable: call.agentsAvailable }),
      ...(call.queuesAtCapacity && { queuesAtCapacity: call.queuesAtCapacity }),
      ...(call.queues && { queues: call.queues }),
    })
      .then((result) => {
        session.result = toCallJson(result);
        if (session.hungUp) push({ type: 'hangup' });
      })
      .catch((err: Error) => {
        push(session.hungUp ? { type: 'hangup' } : { type: 'failed', message: err.message });
      })
      .finally(() => {
        session.done = true;
        session.waiting = null;
        for (const l of [...session.listeners]) l();
        setTimeout(() => this.sessions.delete(id), KEEP_FINISHED_MS).unref();
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
    if (!s || s.done) return false;
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
