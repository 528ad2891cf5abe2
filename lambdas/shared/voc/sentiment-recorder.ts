import type { Sentiment } from './text-analytics';

/** Writes the analyzed sentiment onto the customer's interaction that has this source id. */
export interface SentimentRecorder {
  /** Resolves false when no interaction has this source id (surveys, imports): not an error. */
  record(sourceId: string, sentiment: Sentiment): Promise<boolean>;
}

/**
 * Adapter over any customer store exposing `updateInteraction(sourceId, patch)` (the CustomerStore
 * port): structural typing keeps this module independent of the store's file.
 */
export class CustomerStoreSentimentRecorder implements SentimentRecorder {
  constructor(
    private readonly store: {
      updateInteraction(sourceId: string, patch: { sentiment: string }): Promise<unknown | undefined>;
    },
  ) {}

  async record(sourceId: string, sentiment: Sentiment): Promise<boolean> {
    const result = await this.store.updateInteraction(sourceId, { sentiment });
    // CustomerStore.updateInteraction answers undefined when no interaction has this source id.
    return result !== undefined && result !== null;
  }
}
