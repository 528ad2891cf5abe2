/** A gold/platinum customer's strongly negative message, for the team that calls them back. */
export interface VocAlert {
  /** The lake's `source_id` (`src_` + keyed digest), never the producer's id. */
  sourceId: string;
  /** The lake's `customer_id`: the opaque id, or `cust_` + keyed digest when the id carried PII. */
  customerId: string;
  tier: string;
  channel: string;
  at: string;
  scoreNegative: number;
  /** Redacted, shortened text (never the raw text). */
  excerpt: string;
}

export interface Alerts {
  publish(alert: VocAlert): Promise<void>;
}
