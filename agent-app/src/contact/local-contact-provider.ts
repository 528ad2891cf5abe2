import type { ContactEvent, ContactProvider, LocalContactEventsResponse } from './contact-provider';

/**
 * The local console's simulated contacts behind the same interface as the Connect SDK: long-polls
 * `GET {apiBase}/local/contacts?after=N&wait=20000`, hands each event to the listeners in order, and asks
 * for the events after the last one. On errors it waits longer each time (up to 30 s) instead of
 * hammering a console that is restarting; it stops when the last listener unsubscribes.
 */
export interface LocalContactProviderOptions {
  /** The URL of the feed, e.g. `/agent/api/local/contacts` */
  url: string;
  fetch: typeof fetch;
  /** Headers (the chosen local agent). */
  headers?: () => Record<string, string>;
  locale?: string;
  /** @default 20000 */
  waitMs?: number;
  /** Waits before retrying after an error; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Start after this event number (0: from the feed's start; the console keeps only recent events). */
  after?: number;
}

const BACKOFF_MS = [1000, 2000, 5000, 10000, 30000];

export class LocalContactProvider implements ContactProvider {
  private readonly listeners = new Set<(event: ContactEvent) => void>();
  private abort: AbortController | undefined;
  private after: number;

  constructor(private readonly options: LocalContactProviderOptions) {
    this.after = options.after ?? 0;
  }

  subscribe(listener: (event: ContactEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.abort) {
      this.abort = new AbortController();
      void this.poll(this.abort.signal);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.abort?.abort();
        this.abort = undefined;
      }
    };
  }

  async agentLocale(): Promise<string | undefined> {
    return this.options.locale;
  }

  /** The feed position: the last event number handed out. */
  get position(): number {
    return this.after;
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const sleep = this.options.sleep ?? defaultSleep;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const q = new URLSearchParams({ after: String(this.after), wait: String(this.options.waitMs ?? 20000) });
        const res = await this.options.fetch(`${this.options.url}?${q}`, {
          headers: { Accept: 'application/json', ...this.options.headers?.() },
          signal,
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as LocalContactEventsResponse;
        if (signal.aborted) return;
        failures = 0;
        for (const event of [...body.events].sort((a, b) => a.seq - b.seq)) {
          if (event.seq <= this.after) continue;
          this.after = event.seq;
          const { seq: _seq, ...plain } = event;
          for (const listener of [...this.listeners]) listener(plain as ContactEvent);
        }
        if (typeof body.next === 'number' && body.next > this.after) this.after = body.next;
      } catch {
        if (signal.aborted) return;
        const wait = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)]!;
        failures++;
        await sleep(wait, signal).catch(() => undefined);
      }
    }
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
