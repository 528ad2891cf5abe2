import type { VocMessage } from './message';

/**
 * Port through which producers (email/chat/form intake, imports) hand customer text to the VOC
 * pipeline. Delivery is at-least-once; the analyzer is idempotent by `sourceId`.
 */
export interface VocSink {
  /** Sends every message or throws {@link VocSinkError} naming the source ids that were not accepted. */
  send(messages: readonly VocMessage[]): Promise<void>;
}

export class VocSinkError extends Error {
  constructor(
    message: string,
    readonly failedSourceIds: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VocSinkError';
  }
}
